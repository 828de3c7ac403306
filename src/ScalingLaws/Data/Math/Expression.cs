using System.Numerics;

namespace ScalingLaws.Data.Mathematics;

/// <summary>
/// An arithmetic expression over integer constants with + - * /, its exact value, and its text written with the
/// original's bracketing rules (mathematics_dataset's sample/ops.py): a negative constant binds like a product, so it
/// is bracketed as a divisor or dividend, "(-2)/(-4)", but not in a sum or product, "1 + -4", "3 - -2", "-3*-2"; a
/// subtraction inside a sum is bracketed, "(1 - 2) + 3"; the right side of a subtraction is bracketed when it is a sum
/// or difference; sums and differences inside products and quotients are bracketed.
/// </summary>
public abstract record Expression
{
    /// <summary>Binds tighter the lower it is: constants 1, products and quotients 4, sums and differences 5.</summary>
    protected const int ConstantPrecedence = 1, ProductPrecedence = 4, SumPrecedence = 5;

    /// <summary>The exact value.</summary>
    public abstract Rational Value { get; }

    /// <summary>The number of integer constants (the terms a reader sees).</summary>
    public abstract int Terms { get; }

    /// <summary>The precedence the original's printer gives this node.</summary>
    protected abstract int Precedence { get; }

    /// <summary>The child as written inside its parent, bracketed when it binds less tightly (or as tightly, where asked).</summary>
    protected string Inside(Expression child, bool bracketIfSame) =>
        Precedence > child.Precedence || (Precedence == child.Precedence && !bracketIfSame) ? child.ToString() : $"({child})";

    /// <summary>An integer constant.</summary>
    public sealed record Constant(BigInteger Number) : Expression
    {
        /// <inheritdoc />
        public override Rational Value => Number;

        /// <inheritdoc />
        public override int Terms => 1;

        /// <inheritdoc />
        protected override int Precedence => Number.Sign >= 0 ? ConstantPrecedence : ProductPrecedence;

        /// <inheritdoc />
        public override string ToString() => Number.ToString();
    }

    /// <summary>Left + right; nested sums are written flat, "1 + 2 + 3".</summary>
    public sealed record Add(Expression Left, Expression Right) : Expression
    {
        /// <inheritdoc />
        public override Rational Value => Left.Value + Right.Value;

        /// <inheritdoc />
        public override int Terms => Left.Terms + Right.Terms;

        /// <inheritdoc />
        protected override int Precedence => SumPrecedence;

        /// <inheritdoc />
        public override string ToString() => string.Join(" + ", Flat().Select(term => Inside(term, bracketIfSame: true)));

        private IEnumerable<Expression> Flat() =>
            (Left is Add l ? l.Flat() : [Left]).Concat(Right is Add r ? r.Flat() : [Right]);
    }

    /// <summary>Left - right.</summary>
    public sealed record Subtract(Expression Left, Expression Right) : Expression
    {
        /// <inheritdoc />
        public override Rational Value => Left.Value - Right.Value;

        /// <inheritdoc />
        public override int Terms => Left.Terms + Right.Terms;

        /// <inheritdoc />
        protected override int Precedence => SumPrecedence;

        /// <inheritdoc />
        public override string ToString() => $"{Inside(Left, bracketIfSame: false)} - {Inside(Right, bracketIfSame: true)}";
    }

    /// <summary>Left * right.</summary>
    public sealed record Multiply(Expression Left, Expression Right) : Expression
    {
        /// <inheritdoc />
        public override Rational Value => Left.Value * Right.Value;

        /// <inheritdoc />
        public override int Terms => Left.Terms + Right.Terms;

        /// <inheritdoc />
        protected override int Precedence => ProductPrecedence;

        /// <inheritdoc />
        public override string ToString() => $"{Inside(Left, bracketIfSame: false)}*{Inside(Right, bracketIfSame: false)}";
    }

    /// <summary>Left / right (right never evaluates to zero).</summary>
    public sealed record Divide(Expression Left, Expression Right) : Expression
    {
        /// <inheritdoc />
        public override Rational Value => Left.Value / Right.Value;

        /// <inheritdoc />
        public override int Terms => Left.Terms + Right.Terms;

        /// <inheritdoc />
        protected override int Precedence => ProductPrecedence;

        /// <inheritdoc />
        public override string ToString() => $"{Inside(Left, bracketIfSame: true)}/{Inside(Right, bracketIfSame: true)}";
    }
}
