using ScalingLaws.Sweeps;

namespace ScalingLaws.Tests.Sweeps;

public class NodeLocalStorageTests
{
    [Theory]
    [InlineData("/tmp/results", "/tmp")]
    [InlineData("/tmp", "/tmp")]
    [InlineData("/var/tmp/a/../b", "/var/tmp")]
    [InlineData("/dev/shm/x", "/dev/shm")]
    [InlineData("/local/scratch/job9/results", "/local/scratch/job9")]
    public void Folders_private_to_a_node_are_recognised(string path, string root) =>
        Assert.Equal(root, NodeLocalStorage.RootOf(path, tempFolder: "/local/scratch/job9/"));

    [Theory]
    [InlineData("/home/ada/results")]
    [InlineData("/tmpfs-is-not-tmp/results")]
    [InlineData("/project/sweeps")]
    public void Shared_looking_folders_are_not(string path) =>
        Assert.Null(NodeLocalStorage.RootOf(path, tempFolder: "/"));
}
