using Xunit;

namespace CompiledNN.Tests;

/// <summary>
/// <see cref="NetworkRandom"/> is SplitMix64. The expected values were computed by the published C implementation,
/// not by the code under test: see <c>Reference/splitmix64_reference.c</c>, which prints every number below.
/// </summary>
public sealed class NetworkRandomTests
{
    [Theory]
    [InlineData(0L, 0xE220A8397B1DCDAFUL, 0x6E789E6AA1B965F4UL, 0x06C45D188009454FUL, 0xF88BB8A8724C81ECUL)]
    [InlineData(42L, 0xBDD732262FEB6E95UL, 0x28EFE333B266F103UL, 0x47526757130F9F52UL, 0x581CE1FF0E4AE394UL)]
    public void First_draws_match_the_published_SplitMix64(long seed, ulong first, ulong second, ulong third, ulong fourth)
    {
        var random = new NetworkRandom(seed);

        Assert.Equal(first, random.NextUInt64());
        Assert.Equal(second, random.NextUInt64());
        Assert.Equal(third, random.NextUInt64());
        Assert.Equal(fourth, random.NextUInt64());
    }

    [Fact]
    public void NextDouble_takes_the_top_53_bits()
    {
        var random = new NetworkRandom(42);

        Assert.Equal(0.74156487877182331, random.NextDouble());
        Assert.Equal(0.1599103928769201, random.NextDouble());
    }

    [Fact]
    public void NextSingle_takes_the_top_24_bits()
    {
        var random = new NetworkRandom(42);

        Assert.Equal(0.74156487f, random.NextSingle());
        Assert.Equal(0.159910381f, random.NextSingle());
    }
}
