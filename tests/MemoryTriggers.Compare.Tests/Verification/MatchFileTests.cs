using System.Security.Cryptography;
using System.Text;
using MemoryTriggers.Compare.Verification;

namespace MemoryTriggers.Compare.Tests.Verification;

public sealed class MatchFileTests
{
    [Fact]
    public void Sha256_FirstLines_IsTheDigestOfThatPrefix()
    {
        var file = new MatchFile(Encoding.UTF8.GetBytes("0\ta\n1\t\n2\tb"));

        Assert.Equal(3, file.LineCount);
        Assert.Equal(Sha("0\ta\n1\t\n"), file.Sha256(2));
        Assert.Equal(Sha("0\ta\n1\t\n2\tb"), file.Sha256(9));
        Assert.Equal(Sha(""), file.Sha256(0));
        Assert.Equal("2\tb", Encoding.UTF8.GetString(file.Line(2)));
    }

    private static string Sha(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
