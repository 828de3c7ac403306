using ScalingLaws.Data.Captions;

namespace ScalingLaws.Tests.Data.Captions;

public class CaptionVocabularyTests
{
    [Fact]
    public void Captions_become_lower_case_words_without_punctuation()
    {
        Assert.Equal(["a", "dog's", "bowl", "on", "the", "2nd", "floor"], CaptionVocabulary.Tokenize("A dog's bowl, on the 2nd floor!"));
        Assert.Empty(CaptionVocabulary.Tokenize("  ... !! "));
    }

    [Fact]
    public void Rare_words_become_unknown_and_long_captions_are_cut()
    {
        string[][] training = [["a", "red", "bus"], ["a", "red", "car"], ["the", "bus"]];
        var vocabulary = CaptionVocabulary.Build(training, minCount: 2);
        Assert.Equal([CaptionVocabulary.Unknown, "a", "bus", "red"], vocabulary.Words);
        var (words, truncated, unknown) = vocabulary.Map(["the", "red", "bus", "a", "car"], maxWords: 4);
        Assert.Equal([CaptionVocabulary.Unknown, "red", "bus", "a"], words);
        Assert.True(truncated);
        Assert.Equal(1, unknown);
        Assert.False(vocabulary.Map(["a", "bus"], maxWords: 2).Truncated);
    }
}
