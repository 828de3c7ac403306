using ScalingLaws.Data.Captions;

namespace ScalingLaws.Tests.Data.Captions;

public class NearestNeighbourClassifierTests
{
    private static readonly byte[][] Images = [[0, 0], [10, 0], [0, 10], [200, 200], [210, 200], [100, 100]];
    private static readonly int[] Labels = [0, 0, 0, 1, 1, 2];

    [Fact]
    public void One_neighbour_gives_the_label_of_the_closest_image()
    {
        var classifier = new NearestNeighbourClassifier(Images, Labels, neighbours: 1);
        Assert.Equal(2, classifier.Predict([95, 100]));
        Assert.Equal(1, classifier.Predict([205, 199]));
        Assert.Equal(0, classifier.Predict([3, 3]));
    }

    [Fact]
    public void Three_neighbours_vote_and_a_tie_goes_to_the_closer_label()
    {
        var three = new NearestNeighbourClassifier(Images, Labels, neighbours: 3);
        // Closest to [120, 120]: [100, 100] (label 2), then [200, 200] and [210, 200] (label 1): label 1 wins the vote.
        Assert.Equal(1, three.Predict([120, 120]));
        var two = new NearestNeighbourClassifier(Images, Labels, neighbours: 2);
        // Two neighbours of [90, 90]: [100, 100] (2) and [10, 0] or [0, 10] (0): one vote each, label 2 is closer.
        Assert.Equal(2, two.Predict([90, 90]));
        Assert.Equal(1, three.Errors([[1, 1], [150, 150]], [0, 2]));
        Assert.Contains("k = 3", three.Name);
    }

    [Fact]
    public void Impossible_settings_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NearestNeighbourClassifier(Images, Labels, neighbours: 7));
        Assert.Throws<ArgumentException>(() => new NearestNeighbourClassifier(Images, [0, 1], neighbours: 1));
    }
}
