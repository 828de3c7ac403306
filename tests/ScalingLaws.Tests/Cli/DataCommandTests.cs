namespace ScalingLaws.Tests.Cli;

/// <summary>`scaling data prepare` fails the way every command does, and says what it skipped.</summary>
public sealed class DataCommandTests : IDisposable
{
    private readonly Data.TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_corpus_folder_that_does_not_exist_is_bad_input_exit_code_2()
    {
        // It used to exit 1, where every other command exits 2 for bad input.
        var run = ScalingProcess.Run("data", "prepare", "--corpus", _temp.File("nope"), "--transfer", _temp.File("nope"), "--tokenizer", "bytes", "--out", _temp.File("out"));
        ScalingProcess.AssertCleanFailure(run, 2, "does not exist");
    }

    [Fact]
    public void A_binary_file_named_txt_is_skipped_with_a_count_and_its_name()
    {
        // A copy of /bin/ls named x.txt used to become a document without a word.
        Directory.CreateDirectory(_temp.File("corpus"));
        Directory.CreateDirectory(_temp.File("transfer"));
        File.Copy("/bin/ls", _temp.File("corpus/x.txt"));
        for (int i = 0; i < 4; i++) File.WriteAllText(_temp.File($"corpus/doc{i}.txt"), string.Concat(Enumerable.Repeat($"Address number {i}. We the people. ", 40)));
        File.WriteAllText(_temp.File("transfer/book.txt"), string.Concat(Enumerable.Repeat("Call me Ishmael. ", 40)));

        var (code, stdout, stderr) = ScalingProcess.Run("data", "prepare", "--corpus", _temp.File("corpus"), "--transfer", _temp.File("transfer"),
            "--tokenizer", "bytes", "--val-fraction", "0.25", "--out", _temp.File("prepared"));
        Assert.True(code == 0, stderr);
        Assert.Contains("skipped 1 .txt file(s)", stdout);
        Assert.Contains("x.txt", stdout);
        Assert.True(File.Exists(_temp.File("prepared/train.bin")));
    }
}
