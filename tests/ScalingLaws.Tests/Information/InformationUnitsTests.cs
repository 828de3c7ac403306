using ScalingLaws.Information;

namespace ScalingLaws.Tests.Information;

public class InformationUnitsTests
{
    [Fact]
    public void One_bit_is_ln_2_nats()
    {
        Assert.Equal(1, InformationUnits.NatsToBits(Math.Log(2)), 14);
        Assert.Equal(Math.Log(2), InformationUnits.BitsToNats(1), 14);
        Assert.Equal(3.0, InformationUnits.Convert(InformationUnits.Convert(3.0, InformationUnit.Nats, InformationUnit.Bits), InformationUnit.Bits, InformationUnit.Nats), 14);
        Assert.Equal(2.5, InformationUnits.Convert(2.5, InformationUnit.Bits, InformationUnit.Bits));
    }

    [Fact]
    public void Per_token_losses_scale_to_images_bytes_and_words()
    {
        // Henighan et al. 2020: 3.12 nats/token x 192 tokens per 8x8 RGB image is about 599 nats/image.
        Assert.Equal(599.04, InformationUnits.PerTokenToPerImage(3.12, 192), 10);
        Assert.Equal(0.5, InformationUnits.PerTokenToPerByte(2.0, bytesPerToken: 4), 14);
        Assert.Equal(3.9, InformationUnits.PerTokenToPerWord(3.0, tokensPerWord: 1.3), 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => InformationUnits.PerTokenToPerWord(3.0, 0));
    }
}
