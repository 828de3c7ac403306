using System.Text;
using ScalingLaws.Data;

namespace ScalingLaws.Tests.Data;

public class DatasetPreparerTests
{
    private static PrepareOptions Options(string tokenizer = "bpe") => new(
        new TextCorpus("mini", "test", SampleText.Documents(20, 30, seed: 8)),
        new TextCorpus("other", "test", [TextDocument.FromText("t1", "Call me Ishmael. Some years ago."), TextDocument.FromText("t2", "The whale.")]),
        tokenizer, VocabSize: 300, ValidationFraction: 0.1, Seed: 1, Command: "scaling data prepare --test");

    [Fact]
    public void Token_files_decode_back_to_the_split_documents_joined_by_the_separator()
    {
        using var temp = new TempFolder();
        var options = Options();
        var result = DatasetPreparer.Prepare(options, temp.Path);
        var dataset = PreparedDataset.Load(temp.Path);
        var tokenizer = BytePairTokenizer.Load(Path.Combine(temp.Path, PreparedDataset.TokenizerFileName));
        var byId = options.Corpus.Documents.Concat(options.TransferCorpus.Documents).ToDictionary(d => d.Id);

        foreach (string split in new[] { PreparedDataset.Train, PreparedDataset.Validation, PreparedDataset.Transfer })
        {
            var info = dataset.Splits[split];
            ushort[] tokens = TokenFile.Read(dataset.TokenFilePath(temp.Path, split));
            string expected = string.Join(PrepareOptions.DocumentSeparator, info.DocumentIds.Select(id => byId[id].Text));
            Assert.Equal(expected, tokenizer.Decode(tokens));
            Assert.Equal(info.Tokens, tokens.Length);
            Assert.Equal(Encoding.UTF8.GetByteCount(expected), info.Bytes);
            Assert.All(tokens, t => Assert.True(t < dataset.VocabSize));
        }
        Assert.Equal(18, dataset.Documents[PreparedDataset.Train]);
        Assert.Equal(2, dataset.Documents[PreparedDataset.Validation]);
        Assert.Equal(2, dataset.Documents[PreparedDataset.Transfer]);
        Assert.Empty(dataset.Splits["train"].DocumentIds.Intersect(dataset.Splits["val"].DocumentIds));
        Assert.Equal(300, dataset.VocabSize);
        Assert.Equal("scaling data prepare --test", dataset.Command);
        Assert.True(result.Dataset.BytesPerToken["train"] > 1.5, $"44 merges should shorten the training text by more than 1.5x, got {result.Dataset.BytesPerToken["train"]:F2}");
    }

    [Fact]
    public void Meta_json_carries_the_fields_the_trainer_reads()
    {
        using var temp = new TempFolder();
        DatasetPreparer.Prepare(Options(), temp.Path);
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(temp.Path, "meta.json")));
        var root = json.RootElement;

        Assert.Equal(300, root.GetProperty("vocab_size").GetInt32());
        Assert.Equal("bpe", root.GetProperty("tokenizer").GetString());
        Assert.Equal("uint16", root.GetProperty("dtype").GetString());
        foreach (string split in new[] { "train", "val", "transfer" })
        {
            Assert.True(root.GetProperty("bytes_per_token").GetProperty(split).GetDouble() > 1);
            Assert.True(root.GetProperty("documents").GetProperty(split).GetInt32() > 0);
            Assert.True(File.Exists(Path.Combine(temp.Path, split + ".bin")));
        }
    }

    [Fact]
    public void Bytes_tokenizer_has_one_byte_per_token()
    {
        using var temp = new TempFolder();
        var dataset = DatasetPreparer.Prepare(Options("bytes"), temp.Path).Dataset;
        Assert.Equal(256, dataset.VocabSize);
        Assert.Equal("bytes", dataset.Tokenizer);
        Assert.All(dataset.BytesPerToken.Values, v => Assert.Equal(1.0, v));
    }

    [Fact]
    public void Preparing_twice_writes_identical_token_files()
    {
        using var temp = new TempFolder();
        DatasetPreparer.Prepare(Options(), temp.File("a"));
        DatasetPreparer.Prepare(Options(), temp.File("b"));
        foreach (string file in new[] { "train.bin", "val.bin", "transfer.bin", "tokenizer.json" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(temp.File("a"), file)), File.ReadAllBytes(Path.Combine(temp.File("b"), file)));
    }

    [Theory]
    [InlineData(1.0, 1.0, 1.4426950408889634)]     // 1 nat per byte = 1/ln 2 bits per byte
    [InlineData(2.0794415416798357, 3.0, 1.0)]     // ln 8 nats per 3-byte token = 1 bit per byte
    [InlineData(0.0, 2.5, 0.0)]
    public void Nats_per_token_convert_to_bits_per_byte(double nats, double bytesPerToken, double bits) =>
        Assert.Equal(bits, PreparedDataset.BitsPerByte(nats, bytesPerToken), 12);

    [Fact]
    public void Bits_per_byte_uses_the_named_split_and_rejects_unknown_ones()
    {
        using var temp = new TempFolder();
        var dataset = DatasetPreparer.Prepare(Options(), temp.Path).Dataset;
        Assert.Equal(2.0 / (Math.Log(2) * dataset.BytesPerToken["val"]), dataset.BitsPerByte(2.0, "val"), 12);
        Assert.Throws<ArgumentException>(() => dataset.BitsPerByte(2.0, "test"));
        Assert.Throws<ArgumentOutOfRangeException>(() => PreparedDataset.BitsPerByte(1.0, 0));
    }

    [Fact]
    public void Bad_options_name_the_field_and_the_fix()
    {
        using var temp = new TempFolder();
        Assert.Contains("'bpe' or 'bytes'", Assert.Throws<ArgumentException>(() => DatasetPreparer.Prepare(Options("wordpiece"), temp.Path)).Message);
        Assert.Contains("65536", Assert.Throws<ArgumentOutOfRangeException>(() => DatasetPreparer.Prepare(Options() with { VocabSize = 100_000 }, temp.Path)).Message);
    }

    [Fact]
    public void A_corpus_too_small_for_a_validation_split_is_refused_before_anything_is_written()
    {
        using var temp = new TempFolder();
        var options = Options() with { Corpus = new TextCorpus("one", "test", [TextDocument.FromText("only", "A single address.")]) };
        string target = Path.Combine(temp.Path, "prepared");
        var error = Assert.Throws<InvalidDataException>(() => DatasetPreparer.Prepare(options, target));
        Assert.Contains("no validation documents", error.Message);
        Assert.False(Directory.Exists(target));
        Assert.Empty(Directory.EnumerateDirectories(temp.Path));   // no staging folder left behind
    }

    [Fact]
    public void Preparing_again_replaces_the_folder_whole_while_an_old_token_file_stays_readable()
    {
        using var temp = new TempFolder();
        string target = Path.Combine(temp.Path, "prepared");
        DatasetPreparer.Prepare(Options(), target);
        using var mapped = TokenSplit.Open(Path.Combine(target, "train.bin"), 65536);
        var before = new ushort[mapped.Length];
        mapped.ReadTokens(0, before);

        DatasetPreparer.Prepare(Options("bytes"), target);
        var after = new ushort[mapped.Length];
        mapped.ReadTokens(0, after);
        Assert.Equal(before, after);   // the mapping still sees the file it opened
        Assert.Equal("bytes", PreparedDataset.Load(target).Tokenizer);
        Assert.Single(Directory.EnumerateDirectories(temp.Path));
    }
}

public class EnsurePreparedTests
{
    [Fact]
    public void Reuses_a_folder_built_from_the_same_inputs_and_rebuilds_when_a_document_changes()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.File("corpus"));
        Directory.CreateDirectory(temp.File("transfer"));
        for (int i = 0; i < 10; i++) File.WriteAllText(temp.File($"corpus/{i}.txt"), SampleText.Sentences(20, i));
        File.WriteAllText(temp.File("transfer/book.txt"), "Call me Ishmael.");
        var cache = new DataCache(temp.File("cache"));
        var log = new List<string>();

        var first = DatasetPreparer.EnsurePrepared(temp.File("corpus"), "bpe", 300, temp.File("transfer"), cache: cache, log: log.Add);
        var second = DatasetPreparer.EnsurePrepared(temp.File("corpus"), "bpe", 300, temp.File("transfer"), cache: cache, log: log.Add);
        Assert.Contains(log, line => line.StartsWith("up to date"));
        Assert.Equal(first.CreatedUtc, second.CreatedUtc);
        Assert.Equal(Path.Combine(cache.Root, "prepared", "corpus-bpe300"), second.Folder);
        Assert.Equal(second.Splits["train"].Tokens, TokenFile.Count(second.TokenFilePath("train")));

        File.AppendAllText(temp.File("corpus/3.txt"), " One more sentence.");
        log.Clear();
        var third = DatasetPreparer.EnsurePrepared(temp.File("corpus"), "bpe", 300, temp.File("transfer"), cache: cache, log: log.Add);
        Assert.DoesNotContain(log, line => line.StartsWith("up to date"));
        Assert.NotEqual(first.InputsSha256, third.InputsSha256);
    }

    [Fact]
    public void Content_fingerprint_changes_with_any_byte_or_id()
    {
        var a = new TextCorpus("c", "s", [TextDocument.FromText("x", "ab"), TextDocument.FromText("y", "c")]);
        var b = new TextCorpus("c", "s", [TextDocument.FromText("x", "a"), TextDocument.FromText("y", "bc")]);
        var c = new TextCorpus("c", "s", [TextDocument.FromText("x", "ab"), TextDocument.FromText("z", "c")]);
        Assert.Equal(a.ContentSha256(), new TextCorpus("other name", "s", a.Documents).ContentSha256());
        Assert.NotEqual(a.ContentSha256(), b.ContentSha256());
        Assert.NotEqual(a.ContentSha256(), c.ContentSha256());
    }
}
