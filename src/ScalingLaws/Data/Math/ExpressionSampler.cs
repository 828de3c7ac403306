using System.Numerics;

namespace ScalingLaws.Data.Mathematics;

/// <summary>
/// Random arithmetic expressions with a given value, built top down as mathematics_dataset's sample/arithmetic.py
/// builds them: the answer is drawn first, then each operation splits the value it must produce into two operands
/// (value = x + (value - x), value = (value * m) / m, ...), drawing one new number from its share of the entropy, until
/// every leaf is an integer. So answers stay small whatever the length, and the number of constants is exact.
/// </summary>
public static class ExpressionSampler
{
    private enum Operation { Add, Subtract, Multiply, Divide }

    /// <summary>An expression with <paramref name="terms"/> integer constants whose value is <paramref name="value"/>.</summary>
    /// <param name="rng">The random source.</param>
    /// <param name="value">The value; a non-integer needs <paramref name="allowMultiplyDivide"/>.</param>
    /// <param name="terms">Number of integer constants, at least 1.</param>
    /// <param name="entropy">Entropy spread over the numbers the operations draw (the original peels entropy / ops per operation).</param>
    /// <param name="allowAddSubtract">Use + and -.</param>
    /// <param name="allowMultiplyDivide">Use * and /.</param>
    public static Expression Sample(Random rng, Rational value, int terms, double entropy, bool allowAddSubtract, bool allowMultiplyDivide)
    {
        if (terms < 1) throw new ArgumentException($"An expression needs at least one term; got {terms}.");
        if (!value.IsInteger && (!allowMultiplyDivide || terms < 2)) throw new ArgumentException($"{value} is not an integer: it needs a quotient, so * and / and at least two terms.");
        var operations = new List<Operation>();
        if (allowAddSubtract) operations.AddRange([Operation.Add, Operation.Subtract]);
        if (allowMultiplyDivide) operations.AddRange([Operation.Multiply, Operation.Divide]);
        if (operations.Count == 0) throw new ArgumentException("Allow at least one kind of operation.");
        return Build(rng, value, terms - 1, entropy, operations);
    }

    private static Expression Build(Random rng, Rational value, int ops, double entropy, IReadOnlyList<Operation> operations)
    {
        if (ops == 0) return new Expression.Constant(value.Numerator);   // callers guarantee an integer here
        double peeled = entropy / ops, rest = entropy - peeled;
        int remaining = ops - 1;
        for (int attempt = 0; attempt < 100; attempt++)
        {
            var operation = NumberSampler.Choice(rng, operations);
            if (Operands(rng, operation, value, remaining, peeled) is not var (left, right)) continue;
            int needLeft = left.IsInteger ? 0 : 1, needRight = right.IsInteger ? 0 : 1;
            if (needLeft + needRight > remaining) continue;
            int opsLeft = needLeft + rng.Next(remaining - needLeft - needRight + 1);
            int opsRight = remaining - opsLeft;
            double entropyLeft = remaining == 0 ? 0 : rest * opsLeft / remaining;
            var l = Build(rng, left, opsLeft, entropyLeft, operations);
            var r = Build(rng, right, opsRight, rest - entropyLeft, operations);
            return operation switch
            {
                Operation.Add => new Expression.Add(l, r),
                Operation.Subtract => new Expression.Subtract(l, r),
                Operation.Multiply => new Expression.Multiply(l, r),
                _ => new Expression.Divide(l, r),
            };
        }
        throw new InvalidOperationException($"Found no operation that makes {value} with {ops} operation(s) left.");
    }

    // The two operand values of one operation; null when it cannot make the value with integer leaves.
    private static (Rational Left, Rational Right)? Operands(Random rng, Operation operation, Rational value, int remaining, double entropy)
    {
        switch (operation)
        {
            case Operation.Add:
                {
                    Rational x = NumberSampler.Integer(rng, entropy, signed: true);
                    return NumberSampler.Coin(rng) ? (x, value - x) : (value - x, x);
                }
            case Operation.Subtract:
                {
                    Rational x = NumberSampler.Integer(rng, entropy, signed: true);
                    return NumberSampler.Coin(rng) ? (value + x, x) : (x, x - value);
                }
            case Operation.Multiply when remaining == 0:
                {
                    // Both factors are constants: split an integer value into a divisor and its cofactor.
                    if (!value.IsInteger) return null;
                    BigInteger m;
                    if (value.Sign == 0) m = NumberSampler.Integer(rng, entropy, signed: true, minAbs: 1);
                    else if (Divisors.All(value.Numerator) is { } divisors) m = NumberSampler.Choice(rng, divisors) * (NumberSampler.Coin(rng) ? 1 : -1);
                    else return null;
                    Rational factor = m;
                    return NumberSampler.Coin(rng) ? (value / factor, factor) : (factor, value / factor);
                }
            case Operation.Multiply:
                {
                    Rational m = NumberSampler.Integer(rng, entropy, signed: true, minAbs: 1);
                    return NumberSampler.Coin(rng) ? (value / m, m) : (m, value / m);
                }
            case Operation.Divide when remaining == 0:
                {
                    // Both constants: scale numerator and denominator of the value by the same integer.
                    var k = NumberSampler.Integer(rng, entropy, signed: true, minAbs: 1);
                    return (value.Numerator * k, value.Denominator * k);
                }
            default:
                {
                    Rational m = NumberSampler.Integer(rng, entropy, signed: true, minAbs: 1);
                    return (value * m, m);
                }
        }
    }
}
