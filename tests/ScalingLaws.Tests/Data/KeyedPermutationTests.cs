using ScalingLaws.Data;

namespace ScalingLaws.Tests.Data;

public class KeyedPermutationTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(64)]
    [InlineData(1000)]
    [InlineData(4097)]
    public void Maps_every_index_to_a_distinct_index_in_range(int n)
    {
        var permutation = new KeyedPermutation(n, key: 42);
        var images = Enumerable.Range(0, n).Select(i => permutation.Map(i)).ToArray();
        Assert.All(images, x => Assert.InRange(x, 0, n - 1));
        Assert.Equal(n, images.Distinct().Count());
    }

    [Fact]
    public void Different_keys_give_different_orders_and_the_same_key_the_same()
    {
        var a = Enumerable.Range(0, 100).Select(i => new KeyedPermutation(100, 1).Map(i)).ToArray();
        var b = Enumerable.Range(0, 100).Select(i => new KeyedPermutation(100, 2).Map(i)).ToArray();
        var again = Enumerable.Range(0, 100).Select(i => new KeyedPermutation(100, 1).Map(i)).ToArray();
        Assert.Equal(a, again);
        Assert.NotEqual(a, b);
        // Not the identity, nor nearly so.
        Assert.True(a.Where((x, i) => x == i).Count() < 10);
    }
}
