using System.CommandLine;

namespace ScalingLaws.Cli.Commands;

/// <summary>`scaling version`: the library version and whether TorchSharp's native code loads here.</summary>
internal static class VersionCommand
{
    public static Command Create()
    {
        var command = new Command("version", "Print the library version and check that TorchSharp loads on this machine.");
        command.SetAction(_ =>
        {
            Console.WriteLine($"ScalingLaws {typeof(ScalingLaws.Native.TorchSharpNative).Assembly.GetName().Version}");
            var report = ScalingLaws.Native.TorchSharpNative.EnsureLoadable();
            Console.WriteLine(report);
            return 0;
        });
        return command;
    }
}
