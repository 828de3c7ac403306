using System.CommandLine;
using ScalingLaws.Notebooks;
using ScalingLaws.Notebooks.Execution;
using ScalingLaws.Notebooks.Jupyter;

namespace ScalingLaws.Cli.Commands;

/// <summary>
/// `scaling kernel --connection-file FILE`: serves the Jupyter kernel (what a Jupyter client starts from the
/// kernelspec); `scaling kernel install [--user | --prefix DIR]`: writes that kernelspec for this build.
/// </summary>
internal static class KernelCommand
{
    public static Command Create()
    {
        var connectionFile = new Option<string>("--connection-file")
        {
            Description = "The connection file a Jupyter client wrote (ports and signing key); the kernelspec passes it.",
            Required = true,
        };
        var kernel = new Command("kernel", "Serve the C# Jupyter kernel on the connection a Jupyter client gives (see `scaling kernel install`).")
        {
            connectionFile,
        };
        kernel.SetAction(parseResult =>
        {
            ConnectionInfo connection;
            try
            {
                connection = ConnectionInfo.Load(parseResult.GetValue(connectionFile)!);
            }
            catch (NotebookInputException e)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return NotebookBatch.ExitBadInput;
            }
            var engine = new CSharpEngine(Directory.GetCurrentDirectory(), PackageCatalog.ForCurrentProcess());
            _ = engine.WarmUpAsync();
            using var channels = new KernelChannels(connection, Console.Error);
            return new JupyterKernel(channels, engine, Console.Error).Run();
        });

        var user = new Option<bool>("--user") { Description = "Install for the current user (~/.local/share/jupyter/kernels; the default)." };
        var prefix = new Option<string?>("--prefix") { Description = "Install into DIR/share/jupyter/kernels (a virtual environment, or a folder on JUPYTER_PATH)." };
        var install = new Command("install", $"Write the kernelspec '{KernelSpec.Name}' (\"{KernelSpec.DisplayName}\") that starts this build's kernel.")
        {
            user, prefix,
        };
        install.SetAction(parseResult =>
        {
            string? dir = parseResult.GetValue(prefix);
            if (dir is not null && parseResult.GetValue(user))
            {
                Console.Error.WriteLine("error: give --user or --prefix DIR, not both.");
                return NotebookBatch.ExitBadInput;
            }
            try
            {
                string path = KernelSpec.Install(KernelSpec.KernelsFolder(dir), KernelSpec.CurrentCommand());
                Console.WriteLine($"Installed kernelspec {KernelSpec.Name} (\"{KernelSpec.DisplayName}\") in {path}");
                Console.WriteLine("Notebooks whose metadata names it open with this kernel: `jupyter notebook notebooks/`, or VS Code's Jupyter extension.");
                return 0;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"error: cannot write the kernelspec under {KernelSpec.KernelsFolder(dir)} ({e.Message}). Fix: use --user, or --prefix with a folder you can write.");
                return NotebookBatch.ExitBadInput;
            }
        });
        kernel.Subcommands.Add(install);
        return kernel;
    }
}
