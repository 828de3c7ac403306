using System.Text;
using ScalingLaws.Data;

namespace ScalingLaws.Tests.Data;

public class BytePairTokenizerTests
{
    private static readonly Lazy<BytePairTokenizer> Trained = new(() => BpeTrainer.Train(SampleText.Documents(20, 100, seed: 1), 400));

    [Fact]
    public void Round_trips_arbitrary_utf8_text_exactly()
    {
        var tokenizer = Trained.Value;
        var random = new Random(2);
        for (int trial = 0; trial < 200; trial++)
        {
            string text = trial % 2 == 0 ? SampleText.RandomUnicode(random, random.Next(0, 200)) : SampleText.Sentences(3, trial);
            Assert.Equal(text, tokenizer.Decode(tokenizer.Encode(text)));
        }
    }

    [Fact]
    public void Round_trips_invalid_utf8_byte_for_byte()
    {
        var tokenizer = Trained.Value;
        var random = new Random(3);
        byte[][] cases =
        [
            [0xFF, 0xFE, 0x80],              // bytes that never occur in UTF-8
            [0x74, 0x68, 0xC3],              // "th" then a truncated two-byte sequence
            [0xED, 0xA0, 0x80],              // an encoded surrogate, invalid in UTF-8
            [0xE2, 0x80, 0x20, 0x74, 0x68, 0x65],
        ];
        foreach (var bytes in cases.Concat(Enumerable.Range(0, 100).Select(_ =>
                 {
                     var b = new byte[random.Next(0, 300)];
                     random.NextBytes(b);
                     return b;
                 })))
        {
            Assert.Equal(bytes, tokenizer.DecodeBytes(tokenizer.Encode(bytes)));
        }
    }

    [Fact]
    public void Learned_merges_shorten_text_the_tokenizer_has_not_seen()
    {
        var tokenizer = Trained.Value;
        string unseen = SampleText.Sentences(200, seed: 999);
        int bytes = Encoding.UTF8.GetByteCount(unseen);
        int tokens = tokenizer.Encode(unseen).Length;
        Assert.Equal(400, tokenizer.VocabSize);
        Assert.True(tokens < bytes / 2, $"{tokens} tokens for {bytes} bytes: expected at least 2x compression on in-distribution text");
    }

    [Fact]
    public void Frequent_words_become_single_tokens_with_their_leading_space()
    {
        var tokenizer = Trained.Value;
        Assert.Single(tokenizer.Encode(" the"));
        Assert.Single(tokenizer.Encode(" government"));
    }

    [Fact]
    public void Bytes_tokenizer_is_the_identity_on_bytes()
    {
        var tokenizer = BytePairTokenizer.Bytes();
        byte[] bytes = [0, 65, 0xC3, 0xA9, 0xFF];
        Assert.Equal(256, tokenizer.VocabSize);
        Assert.Equal("bytes", tokenizer.Kind);
        Assert.Equal(bytes.Select(b => (ushort)b), tokenizer.Encode(bytes));
    }

    [Fact]
    public void Saved_tokenizer_loads_with_the_same_merges_and_encoding()
    {
        using var temp = new TempFolder();
        var tokenizer = Trained.Value;
        string path = temp.File("tokenizer.json");
        tokenizer.Save(path);
        var loaded = BytePairTokenizer.Load(path);

        Assert.Equal(tokenizer.Merges, loaded.Merges);
        string text = SampleText.Sentences(20, seed: 5);
        Assert.Equal(tokenizer.Encode(text), loaded.Encode(text));
        Assert.Contains("\" the\"", File.ReadAllText(path)); // tokens are readable in the file
    }

    [Fact]
    public void Merges_that_refer_to_undefined_tokens_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new BytePairTokenizer([(256, 97)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => BytePairTokenizer.Bytes().DecodeBytes([(ushort)300]));
    }
}
