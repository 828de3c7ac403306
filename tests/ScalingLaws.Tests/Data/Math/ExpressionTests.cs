using ScalingLaws.Data.Mathematics;
using static ScalingLaws.Data.Mathematics.Expression;

namespace ScalingLaws.Tests.Data.Mathematics;

public class ExpressionTests
{
    private static Constant C(long n) => new(n);

    [Fact]
    public void Expressions_are_bracketed_as_the_original_prints_them()
    {
        Assert.Equal("(-2)/(-4)", new Divide(C(-2), C(-4)).ToString());
        Assert.Equal("1 + -4", new Add(C(1), C(-4)).ToString());
        Assert.Equal("3 - -2", new Subtract(C(3), C(-2)).ToString());
        Assert.Equal("-3*-2", new Multiply(C(-3), C(-2)).ToString());
        Assert.Equal("1 + 2 + 3", new Add(new Add(C(1), C(2)), C(3)).ToString());
        Assert.Equal("(1 - 2) + 3", new Add(new Subtract(C(1), C(2)), C(3)).ToString());
        Assert.Equal("1 + 2 - 3", new Subtract(new Add(C(1), C(2)), C(3)).ToString());
        Assert.Equal("1 - (2 - 3)", new Subtract(C(1), new Subtract(C(2), C(3))).ToString());
        Assert.Equal("(1 + 2)*3", new Multiply(new Add(C(1), C(2)), C(3)).ToString());
        Assert.Equal("6/2*3", new Multiply(new Divide(C(6), C(2)), C(3)).ToString());
        Assert.Equal("6/(2*3)", new Divide(C(6), new Multiply(C(2), C(3))).ToString());
        Assert.Equal("(6/2)/3", new Divide(new Divide(C(6), C(2)), C(3)).ToString());
        Assert.Equal(new Rational(1, 1), new Divide(C(6), new Multiply(C(2), C(3))).Value);
        Assert.Equal(9, (int)new Multiply(new Divide(C(6), C(2)), C(3)).Value.Numerator);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void A_sampled_expression_has_the_value_it_was_built_for_and_the_number_of_terms_asked(bool addSubtract, bool multiplyDivide)
    {
        var rng = new Random(5);
        for (int i = 0; i < 500; i++)
        {
            Rational value = multiplyDivide && i % 2 == 1 ? NumberSampler.NonIntegerRational(rng, 2, signed: true) : NumberSampler.Integer(rng, 2, signed: true);
            int terms = 2 + i % 8;
            var expression = ExpressionSampler.Sample(rng, value, terms, entropy: 3, addSubtract, multiplyDivide);
            Assert.Equal(value, expression.Value);
            Assert.Equal(terms, expression.Terms);
            Assert.Equal(terms, System.Text.RegularExpressions.Regex.Matches(expression.ToString(), @"\d+").Count);
            if (!multiplyDivide) Assert.DoesNotMatch(@"[*/]", expression.ToString());
            if (!addSubtract) Assert.DoesNotMatch(@"\d ?[+-] ", expression.ToString());
        }
    }
}
