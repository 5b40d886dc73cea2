using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MemoryTriggers.Deployment;
using Env = MemoryTriggers.Configuration.Environment;

namespace MemoryTriggers.Tests.Deployment;

/// <summary>
/// Properties of <see cref="BackupBundle.Read"/>: whatever the bytes, it returns a bundle or an error
/// and never throws; a valid bundle with any byte changed or cut short is refused.
/// </summary>
public sealed class BackupBundlePropertyTests
{
    private static readonly byte[] s_valid = new BackupBundle(
        Env.Production,
        2,
        new DeploymentContent("environment: production\n", [new("a.yaml", "rules: {}\n")]),
        includesPolicies: true,
        new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero),
        "0.1.0").ToBytes();

    private static readonly string[] s_jsonPieces =
    [
        "{", "}", "[", "]", ",", ":", "\"format\"", "\"memory-config-backup\"", "\"format_version\"", "1", "\"environment\"",
        "\"production\"", "\"created_at\"", "\"2025-03-01T12:00:00Z\"", "\"config\"", "\"policies\"", "\"name\"", "\"content\"",
        "\"a.yaml\"", "\"includes_policies\"", "true", "false", "null", "\"content_hash\"", "\"version\"", "-3", "\"x\"",
    ];

    [Property(MaxTest = 500)]
    public Property Read_RandomBytes_IsAnErrorNeverAnException() =>
        Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), bytes =>
        {
            var read = BackupBundle.Read(bytes);
            return !read.Success && !string.IsNullOrWhiteSpace(read.Error);
        });

    [Property(MaxTest = 500)]
    public Property Read_RandomJsonWithAValidChecksum_NeverThrows() =>
        Prop.ForAll(Gen.Elements(s_jsonPieces).ListOf().Select(p => string.Concat(p)).ToArbitrary(), payload =>
        {
            var read = BackupBundle.Read(BackupBundleTests.WithHeader(payload));
            return read.Success != (read.Error is not null);
        });

    [Property(MaxTest = 500)]
    public Property Read_ValidBundleWithOneByteChanged_IsRefused() =>
        Prop.ForAll(Gen.Choose(0, s_valid.Length - 1).ToArbitrary(), Gen.Choose(1, 255).ToArbitrary(), (index, delta) =>
        {
            var bytes = (byte[])s_valid.Clone();
            bytes[index] = unchecked((byte)(bytes[index] + delta));
            return !BackupBundle.Read(bytes).Success;
        });

    [Property(MaxTest = 300)]
    public Property Read_ValidBundleCutShort_IsRefused() =>
        Prop.ForAll(Gen.Choose(0, s_valid.Length - 1).ToArbitrary(), length => !BackupBundle.Read(s_valid.AsSpan(0, length)).Success);

    [Fact]
    public void Read_TheUnchangedBundle_Succeeds()
    {
        Assert.True(BackupBundle.Read(s_valid).Success);
    }
}
