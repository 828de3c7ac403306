using ScalingLaws.Data;

namespace ScalingLaws.Tests.Data;

public class TokenFileTests
{
    [Fact]
    public void Tokens_are_written_as_headerless_little_endian_uint16_and_read_back()
    {
        using var temp = new TempFolder();
        string path = temp.File("t.bin");
        ushort[] tokens = [0x0102, 0, 65535, 1023];

        TokenFile.Write(path, tokens);

        Assert.Equal(new byte[] { 0x02, 0x01, 0, 0, 0xFF, 0xFF, 0xFF, 0x03 }, File.ReadAllBytes(path));
        Assert.Equal(tokens, TokenFile.Read(path));
        Assert.Equal(4, TokenFile.Count(path));
    }

    [Fact]
    public void A_file_of_odd_length_is_rejected()
    {
        using var temp = new TempFolder();
        string path = temp.File("odd.bin");
        File.WriteAllBytes(path, [1, 2, 3]);
        Assert.Contains("odd", Assert.Throws<InvalidDataException>(() => TokenFile.Read(path)).Message);
    }
}
