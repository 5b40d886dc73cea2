using System.Text;
using MemoryTriggers.Deployment;
using Env = MemoryTriggers.Configuration.Environment;

namespace MemoryTriggers.Tests.Deployment;

public sealed class BackupBundleTests
{
    private static readonly DateTimeOffset s_time = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static BackupBundle Sample() => new(
        Env.Staging,
        4,
        new DeploymentContent(TempDeployment.Staging, [new("a.yaml", TempDeployment.Policy), new("b.yml", "rules: {}\n")]),
        includesPolicies: true,
        s_time,
        "1.2.3",
        "ann",
        "sha256:" + new string('0', 64));

    [Fact]
    public void ToBytes_ReadBack_GivesTheSameBundle()
    {
        var bundle = Sample();

        var read = BackupBundle.Read(bundle.ToBytes());

        Assert.True(read.Success, read.Error);
        Assert.Equal(Env.Staging, read.Bundle.Environment);
        Assert.Equal(4, read.Bundle.Version);
        Assert.Equal(s_time, read.Bundle.CreatedAt);
        Assert.Equal("1.2.3", read.Bundle.ToolVersion);
        Assert.Equal("ann", read.Bundle.User);
        Assert.True(read.Bundle.IncludesPolicies);
        Assert.Equal(bundle.Content.Hash, read.Bundle.Content.Hash);
        Assert.Equal(TempDeployment.Staging, read.Bundle.Content.ConfigText);
        Assert.Equal(["a.yaml", "b.yml"], read.Bundle.Content.PolicyFiles.Keys);
        Assert.Equal("memory-config-backup-staging-v4-20250301T120000Z.yaml", bundle.DefaultFileName);
    }

    [Fact]
    public void Read_OneChangedByte_IsAChecksumMismatch()
    {
        var bytes = Sample().ToBytes();
        var index = Encoding.UTF8.GetString(bytes).IndexOf("batch_size: 20", StringComparison.Ordinal) + 12;
        bytes[index] = (byte)'9';

        var read = BackupBundle.Read(bytes);

        Assert.False(read.Success);
        Assert.StartsWith("checksum mismatch: the bundle was changed or truncated", read.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Truncated_IsAChecksumMismatch()
    {
        var bytes = Sample().ToBytes();

        var read = BackupBundle.Read(bytes.AsSpan(0, bytes.Length - 10));

        Assert.StartsWith("checksum mismatch", read.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "not a memory-config backup bundle")]
    [InlineData("environment: staging\n", "not a memory-config backup bundle")]
    [InlineData("# memory-config backup v2 sha256:00\n{}", "the bundle's format is not supported")]
    [InlineData("# memory-config backup v1 sha256:XYZ\n{}", "the bundle's header is damaged")]
    public void Read_NotABundle_SaysWhy(string text, string expected)
    {
        var read = BackupBundle.Read(Encoding.UTF8.GetBytes(text));

        Assert.StartsWith(expected, read.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ValidChecksumOverBadContent_SaysWhatIsWrong()
    {
        var read = BackupBundle.Read(WithHeader("{\"format\":\"memory-config-backup\",\"format_version\":1,\"environment\":\"moon\"}"));

        Assert.Equal("the bundle's 'environment' is missing or not one of development, testing, staging, production", read.Error);
    }

    [Fact]
    public void Read_PolicyNameWithADirectory_IsRefused()
    {
        var payload = Encoding.UTF8.GetString(Sample().ToBytes()).Split('\n', 2)[1].Replace("\"a.yaml\"", "\"../a.yaml\"", StringComparison.Ordinal);

        var read = BackupBundle.Read(WithHeader(payload));

        Assert.Equal("the bundle's policy entry '../a.yaml' is not a plain *.yaml file name with text content", read.Error);
    }

    [Fact]
    public void ReadFile_Missing_NamesTheFile()
    {
        var read = BackupBundle.ReadFile("no-such-backup.yaml");

        Assert.Equal("no-such-backup.yaml: the backup file does not exist", read.Error);
    }

    internal static byte[] WithHeader(string payload)
    {
        var bytes = Encoding.UTF8.GetBytes(payload);
        var header = "# memory-config backup v1 sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)) + "\n";
        return [.. Encoding.ASCII.GetBytes(header), .. bytes];
    }
}
