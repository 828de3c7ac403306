using ScalingLaws.Data;

namespace ScalingLaws.Tests.Data;

public class DocumentSplitTests
{
    private static List<TextDocument> Documents(int n) =>
        Enumerable.Range(0, n).Select(i => TextDocument.FromText($"doc{i:D3}", $"text of document {i}")).ToList();

    [Fact]
    public void No_document_is_in_both_splits_and_none_is_lost()
    {
        var documents = Documents(233);
        var split = DocumentSplit.ByDocument(documents, 0.1, seed: 0);

        Assert.Equal(23, split.Validation.Count);
        Assert.Equal(210, split.Train.Count);
        Assert.Empty(split.Train.Select(d => d.Id).Intersect(split.Validation.Select(d => d.Id)));
        Assert.Equal(documents.Select(d => d.Id).Order(), split.Train.Concat(split.Validation).Select(d => d.Id).Order());
    }

    [Fact]
    public void Split_is_stable_across_calls_and_input_order_and_changes_with_the_seed()
    {
        var documents = Documents(100);
        var first = DocumentSplit.ByDocument(documents, 0.1, seed: 7);
        var again = DocumentSplit.ByDocument(documents, 0.1, seed: 7);
        var reversed = DocumentSplit.ByDocument(documents.AsEnumerable().Reverse().ToList(), 0.1, seed: 7);
        var otherSeed = DocumentSplit.ByDocument(documents, 0.1, seed: 8);

        Assert.Equal(first.Validation.Select(d => d.Id), again.Validation.Select(d => d.Id));
        Assert.Equal(first.Train.Select(d => d.Id), again.Train.Select(d => d.Id));
        Assert.Equal(first.Validation.Select(d => d.Id).Order(), reversed.Validation.Select(d => d.Id).Order());
        Assert.NotEqual(first.Validation.Select(d => d.Id).Order(), otherSeed.Validation.Select(d => d.Id).Order());
    }

    [Fact]
    public void Adding_a_document_moves_at_most_one_other()
    {
        var documents = Documents(100);
        var before = DocumentSplit.ByDocument(documents, 0.1, seed: 3).Validation.Select(d => d.Id).ToHashSet();
        var after = DocumentSplit.ByDocument([.. documents, TextDocument.FromText("new", "x")], 0.1, seed: 3)
            .Validation.Select(d => d.Id).Where(id => id != "new").ToHashSet();

        Assert.True(before.Except(after).Count() + after.Except(before).Count() <= 1);
    }

    [Fact]
    public void Training_order_is_shuffled_not_corpus_order()
    {
        var split = DocumentSplit.ByDocument(Documents(50), 0.1, seed: 0);
        Assert.NotEqual(split.Train.Select(d => d.Id).Order(), split.Train.Select(d => d.Id));
    }

    [Fact]
    public void Small_corpora_keep_at_least_one_document_on_each_side()
    {
        var split = DocumentSplit.ByDocument(Documents(3), 0.1, seed: 0);
        Assert.Single(split.Validation);
        Assert.Equal(2, split.Train.Count);
    }

    [Fact]
    public void Duplicate_ids_and_bad_fractions_are_rejected()
    {
        var twins = new List<TextDocument> { TextDocument.FromText("a", "1"), TextDocument.FromText("a", "2") };
        Assert.Contains("'a'", Assert.Throws<ArgumentException>(() => DocumentSplit.ByDocument(twins)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => DocumentSplit.ByDocument(Documents(10), 1.0));
    }
}
