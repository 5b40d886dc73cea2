using MemoryTriggers.Deployment;
using MemoryTriggers.Validation;
using Env = MemoryTriggers.Configuration.Environment;

namespace MemoryTriggers.Tests.Deployment;

public sealed class DeploymentRootTests : IDisposable
{
    private readonly TempDeployment _temp = new();

    private DeploymentRoot Root => _temp.Root;

    public void Dispose() => _temp.Dispose();

    private static Dictionary<string, string> Policies(params (string Name, string Text)[] files) =>
        files.ToDictionary(f => f.Name, f => f.Text, StringComparer.Ordinal);

    [Fact]
    public void Deploy_FirstVersion_WritesLiveFilesVersionPointerAndAudit()
    {
        var result = Root.Deploy(TempDeployment.Request(TempDeployment.Staging, Policies(("errors.yaml", TempDeployment.Policy))));

        Assert.Equal(DeploymentOutcome.Deployed, result.Outcome);
        Assert.Null(result.Previous);
        Assert.Equal(1, result.Version!.Number);
        Assert.Equal(TempDeployment.Staging, File.ReadAllText(Root.LiveConfigPath(Env.Staging)));
        Assert.Equal(TempDeployment.Policy, File.ReadAllText(Path.Combine(Root.LivePolicyDirectory(Env.Staging), "errors.yaml")));
        var current = Root.GetCurrent(Env.Staging)!;
        Assert.Equal(result.Hash, current.Hash);
        Assert.Equal(["errors.yaml"], current.PolicyFiles);
        Assert.Equal("ann", current.User);
        Assert.Equal(_temp.Time.GetUtcNow(), current.CreatedAt);
        var audit = Assert.Single(Root.ReadAudit());
        Assert.Equal(DeploymentOutcome.Deployed, audit.Result);
        Assert.Null(audit.OldHash);
        Assert.Equal(result.Hash, audit.NewHash);
        Assert.Equal(1, audit.NewVersion);
        Assert.Equal("ann", audit.User);
        Assert.Equal(Env.Staging, audit.Environment);
    }

    [Fact]
    public void Deploy_SameContentAgain_IsUnchangedWritesNoVersionAndIsAudited()
    {
        var first = Root.Deploy(TempDeployment.Request(TempDeployment.Staging));
        var written = File.GetLastWriteTimeUtc(Root.LiveConfigPath(Env.Staging));

        var second = Root.Deploy(TempDeployment.Request(TempDeployment.Staging));

        Assert.Equal(DeploymentOutcome.Unchanged, second.Outcome);
        Assert.False(second.HasChanges);
        Assert.Equal(1, second.Version!.Number);
        Assert.Equal(first.Hash, second.Hash);
        Assert.Single(Root.GetHistory(Env.Staging));
        Assert.Equal(written, File.GetLastWriteTimeUtc(Root.LiveConfigPath(Env.Staging)));
        Assert.Equal([DeploymentOutcome.Deployed, DeploymentOutcome.Unchanged], Root.ReadAudit().Select(a => a.Result));
    }

    [Fact]
    public void Deploy_Edit_MakesVersionTwoWithDiffAndConsistentHashes()
    {
        var first = Root.Deploy(TempDeployment.Request(TempDeployment.Staging));
        var edited = TempDeployment.Staging.Replace("batch_size: 20", "batch_size: 40", StringComparison.Ordinal);

        var second = Root.Deploy(TempDeployment.Request(edited));

        Assert.Equal(DeploymentOutcome.Deployed, second.Outcome);
        Assert.Equal(2, second.Version!.Number);
        Assert.Equal(first.Version, second.Previous);
        Assert.Contains("-  batch_size: 20\n+  batch_size: 40\n", second.Diff, StringComparison.Ordinal);
        Assert.StartsWith("--- staging v1/config.yaml (deployed, effective)\n+++ config.yaml (effective)\n", second.Diff, StringComparison.Ordinal);
        var history = Root.GetHistory(Env.Staging);
        Assert.Equal([1, 2], history.Select(v => v.Number));
        for (var i = 0; i < history.Count; i++)
        {
            Assert.Equal(history[i].Hash, Root.ReadContent(Env.Staging, history[i].Number).Hash);
        }

        Assert.Equal(new DeploymentContent(edited).Hash, history[1].Hash);
        var audit = Root.ReadAudit()[^1];
        Assert.Equal((1, first.Hash, 2, second.Hash), (audit.OldVersion, audit.OldHash, audit.NewVersion, audit.NewHash));
    }

    [Fact]
    public void Deploy_WithErrors_IsRefusedWithLocationsChangesNothingAndIsAudited()
    {
        Root.Deploy(TempDeployment.Request(TempDeployment.Staging));
        var broken = TempDeployment.Staging.Replace("batch_size: 20", "batch_size: lots", StringComparison.Ordinal);

        var result = Root.Deploy(TempDeployment.Request(broken));

        Assert.Equal(DeploymentOutcome.Refused, result.Outcome);
        Assert.False(result.RefusedForWarnings);
        var error = Assert.Single(result.Issues, i => i.IsError);
        Assert.Equal(("config.yaml", 10), (error.File, error.Line));
        Assert.Equal(1, Root.GetCurrent(Env.Staging)!.Number);
        Assert.Equal(TempDeployment.Staging, File.ReadAllText(Root.LiveConfigPath(Env.Staging)));
        var audit = Root.ReadAudit()[^1];
        Assert.Equal(DeploymentOutcome.Refused, audit.Result);
        Assert.Equal("1 error", audit.Message);
        Assert.Null(audit.NewVersion);
        Assert.Equal(result.Hash, audit.NewHash);
    }

    [Fact]
    public void Deploy_ConfigForAnotherEnvironment_IsRefusedAtTheEnvironmentKey()
    {
        var result = Root.Deploy(TempDeployment.Request(TempDeployment.Staging, environment: Env.Testing));

        Assert.Equal(DeploymentOutcome.Refused, result.Outcome);
        var issue = Assert.Single(result.Issues, i => i.Code == DeploymentIssueCodes.EnvironmentMismatch);
        Assert.Equal(1, issue.Line);
        Assert.Contains("'staging' but is being deployed to 'testing'", issue.Message, StringComparison.Ordinal);
        Assert.Empty(Root.DeployedEnvironments());
        Assert.False(File.Exists(Root.LiveConfigPath(Env.Testing)));
        Assert.Equal(DeploymentOutcome.Refused, Assert.Single(Root.ReadAudit()).Result);
    }

    [Fact]
    public void Deploy_EnvironmentOverride_IsAppliedBeforeValidation()
    {
        var root = _temp.Open(variables: new Dictionary<string, string?> { ["MEMORY_BATCH_SIZE"] = "abc" });

        var result = root.Deploy(TempDeployment.Request(TempDeployment.Staging));

        Assert.Equal(DeploymentOutcome.Refused, result.Outcome);
        Assert.Equal("MEMORY_BATCH_SIZE", Assert.Single(result.Issues, i => i.IsError).Location.Variable);
    }

    [Fact]
    public void Deploy_ProductionWithWarnings_IsRefusedForWarnings()
    {
        var warned = TempDeployment.Production.Replace("auto_reload: false", "auto_reload: true", StringComparison.Ordinal);

        var result = Root.Deploy(TempDeployment.Request(warned, environment: Env.Production));

        Assert.Equal(DeploymentOutcome.Refused, result.Outcome);
        Assert.True(result.RefusedForWarnings);
        Assert.Contains(result.Issues, i => i.Severity == IssueSeverity.Warning && i.Path == "auto_reload");
        Assert.Equal("1 warning; production refuses warnings", result.Message);
        Assert.Null(Root.GetCurrent(Env.Production));
    }

    [Fact]
    public void Deploy_ProductionWithoutWarnings_IsDeployed()
    {
        var result = Root.Deploy(TempDeployment.Request(TempDeployment.Production, environment: Env.Production));

        Assert.Equal(DeploymentOutcome.Deployed, result.Outcome);
    }

    [Fact]
    public void Deploy_StagingWarnings_PassUnlessStrict()
    {
        var warned = TempDeployment.Staging.Replace("local_storage_path: ./memories.db", "local_storage_path: ./memories.db\n    api_token: not-a-real-token", StringComparison.Ordinal);

        var strict = Root.Deploy(TempDeployment.Request(warned) with { Strict = true });
        var lenient = Root.Deploy(TempDeployment.Request(warned));

        Assert.Equal(DeploymentOutcome.Refused, strict.Outcome);
        Assert.Equal("1 warning; --strict refuses warnings", strict.Message);
        Assert.Equal(DeploymentOutcome.Deployed, lenient.Outcome);
    }

    [Fact]
    public void Deploy_DryRun_WritesNothingAndReportsChanges()
    {
        var first = Root.Deploy(TempDeployment.Request(TempDeployment.Staging) with { DryRun = true });

        Assert.Equal(DeploymentOutcome.Planned, first.Outcome);
        Assert.True(first.HasChanges);
        Assert.StartsWith("--- /dev/null\n+++ config.yaml (effective)\n@@ -0,0 +1,", first.Diff, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_temp.RootPath));

        Root.Deploy(TempDeployment.Request(TempDeployment.Staging));
        var again = Root.Deploy(TempDeployment.Request(TempDeployment.Staging) with { DryRun = true });

        Assert.False(again.HasChanges);
        Assert.Empty(again.Diff);
        Assert.Single(Root.ReadAudit());
    }

    [Fact]
    public void Deploy_SecretInConfigAndPolicy_IsRedactedInTheDiff()
    {
        Root.Deploy(TempDeployment.Request(TempDeployment.Staging));
        var secret = TempDeployment.Staging.Replace("local_storage_path: ./memories.db", "local_storage_path: ./memories.db\n    api_token: hunter2-secret", StringComparison.Ordinal);
        var policy = TempDeployment.Policy + "    metadata:\n      password: hunter2-policy\n";

        var result = Root.Deploy(TempDeployment.Request(secret, Policies(("p.yaml", policy))) with { DryRun = true });

        Assert.Contains("+    api_token: \"***\"\n", result.Diff, StringComparison.Ordinal);
        Assert.Contains("+      password: ***\n", result.Diff, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", result.Diff, StringComparison.Ordinal);
    }

    [Fact]
    public void Deploy_WithoutPolicies_KeepsTheDeployedOnes_AndNewPoliciesReplaceThem()
    {
        Root.Deploy(TempDeployment.Request(TempDeployment.Staging, Policies(("a.yaml", TempDeployment.Policy))));
        var edited = TempDeployment.Staging.Replace("batch_size: 20", "batch_size: 30", StringComparison.Ordinal);

        var kept = Root.Deploy(TempDeployment.Request(edited));
        Assert.Equal(["a.yaml"], kept.Version!.PolicyFiles);
        Assert.DoesNotContain("policies/", kept.Diff, StringComparison.Ordinal);

        var renamed = Root.Deploy(TempDeployment.Request(edited, Policies(("b.yaml", TempDeployment.Policy))));

        Assert.Equal(["b.yaml"], renamed.Version!.PolicyFiles);
        Assert.Equal(["b.yaml"], Directory.GetFiles(Root.LivePolicyDirectory(Env.Staging)).Select(Path.GetFileName));
        Assert.Contains("--- staging v2/policies/a.yaml\n+++ /dev/null\n", renamed.Diff, StringComparison.Ordinal);
        Assert.Contains("--- /dev/null\n+++ src-policies/b.yaml\n", renamed.Diff, StringComparison.Ordinal);
    }

    [Fact]
    public void Deploy_BrokenPolicy_IsRefusedWithItsFileAndLine()
    {
        var broken = TempDeployment.Policy.Replace("type: equals", "type: equalz", StringComparison.Ordinal);

        var result = Root.Deploy(TempDeployment.Request(TempDeployment.Staging, Policies(("bad.yaml", broken))));

        Assert.Equal(DeploymentOutcome.Refused, result.Outcome);
        var error = result.Issues.First(i => i.IsError);
        Assert.Equal(Path.Combine("src-policies", "bad.yaml"), error.File);
        Assert.Equal(5, error.Line);
    }

    [Fact]
    public void Deploy_WithBackup_WritesABundleOfTheReplacedVersion()
    {
        var first = Root.Deploy(TempDeployment.Request(TempDeployment.Staging, Policies(("a.yaml", TempDeployment.Policy))));
        var edited = TempDeployment.Staging.Replace("batch_size: 20", "batch_size: 30", StringComparison.Ordinal);

        var second = Root.Deploy(TempDeployment.Request(edited) with { Backup = true });

        Assert.NotNull(second.BackupPath);
        Assert.StartsWith(Root.BackupDirectory(Env.Staging), second.BackupPath, StringComparison.Ordinal);
        var bundle = BackupBundle.ReadFile(second.BackupPath);
        Assert.True(bundle.Success, bundle.Error);
        Assert.Equal(first.Hash, bundle.Bundle.Content.Hash);
        Assert.Equal(1, bundle.Bundle.Version);
    }

    [Fact]
    public void Rollback_ToEarlierVersion_WritesANewVersionWithItsContent()
    {
        var v1 = Root.Deploy(TempDeployment.Request(TempDeployment.Staging));
        Root.Deploy(TempDeployment.Request(TempDeployment.Staging.Replace("batch_size: 20", "batch_size: 30", StringComparison.Ordinal)));

        var result = Root.Rollback(Env.Staging);

        Assert.Equal(DeploymentOutcome.Deployed, result.Outcome);
        Assert.Equal(3, result.Version!.Number);
        Assert.Equal(1, result.Version.FromVersion);
        Assert.Equal(DeploymentAction.Rollback, result.Version.Action);
        Assert.Equal(v1.Hash, result.Version.Hash);
        Assert.Equal(TempDeployment.Staging, File.ReadAllText(Root.LiveConfigPath(Env.Staging)));
        Assert.Equal([1, 2, 3], Root.GetHistory(Env.Staging).Select(v => v.Number));
        Assert.Equal(DeploymentAction.Rollback, Root.ReadAudit()[^1].Action);
    }

    [Fact]
    public void Rollback_Twice_GoesBackToTheVersionBefore()
    {
        Root.Deploy(TempDeployment.Request(TempDeployment.Staging));
        var v2 = Root.Deploy(TempDeployment.Request(TempDeployment.Staging.Replace("batch_size: 20", "batch_size: 30", StringComparison.Ordinal)));
        Root.Rollback(Env.Staging);

        var again = Root.Rollback(Env.Staging);

        Assert.Equal(2, again.Version!.FromVersion);
        Assert.Equal(v2.Hash, again.Version.Hash);
    }

    [Fact]
    public void Rollback_UnknownVersionOrNothingDeployed_ThrowsAClearError()
    {
        var nothing = Assert.Throws<DeploymentException>(() => Root.Rollback(Env.Staging));
        Assert.Contains("nothing is deployed to staging", nothing.Message, StringComparison.Ordinal);

        Root.Deploy(TempDeployment.Request(TempDeployment.Staging));
        var missing = Assert.Throws<DeploymentException>(() => Root.Rollback(Env.Staging, toVersion: 7));
        Assert.Contains("version 7 does not exist; staging has versions 1 to 1", missing.Message, StringComparison.Ordinal);
        var same = Assert.Throws<DeploymentException>(() => Root.Rollback(Env.Staging));
        Assert.Contains("no earlier version", same.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BackupAndRestore_RoundTrip_RestoresAsANewVersion()
    {
        var v1 = Root.Deploy(TempDeployment.Request(TempDeployment.Staging, Policies(("a.yaml", TempDeployment.Policy))));
        var path = Path.Combine(_temp.Directory, "backup.yaml");
        Root.CreateBackup(Env.Staging, includePolicies: true).WriteTo(path);
        Root.Deploy(TempDeployment.Request(TempDeployment.Staging.Replace("batch_size: 20", "batch_size: 30", StringComparison.Ordinal), Policies()));

        var read = BackupBundle.ReadFile(path);
        Assert.True(read.Success, read.Error);
        var restored = Root.Restore(read.Bundle, path);

        Assert.Equal(DeploymentOutcome.Deployed, restored.Outcome);
        Assert.Equal(3, restored.Version!.Number);
        Assert.Equal(DeploymentAction.Restore, restored.Version.Action);
        Assert.Equal(v1.Hash, restored.Version.Hash);
        Assert.Equal(["a.yaml"], Directory.GetFiles(Root.LivePolicyDirectory(Env.Staging)).Select(Path.GetFileName));
        Assert.Equal(v1.Version!.Hash, Root.GetHistory(Env.Staging)[0].Hash);
    }

    [Fact]
    public void Restore_BundleWithoutPolicies_KeepsTheDeployedPolicies()
    {
        Root.Deploy(TempDeployment.Request(TempDeployment.Staging, Policies(("a.yaml", TempDeployment.Policy))));
        var bundle = Root.CreateBackup(Env.Staging, includePolicies: false);
        Root.Deploy(TempDeployment.Request(TempDeployment.Staging.Replace("batch_size: 20", "batch_size: 30", StringComparison.Ordinal), Policies(("b.yaml", TempDeployment.Policy))));

        var restored = Root.Restore(bundle, "bundle.yaml");

        Assert.Equal(["b.yaml"], restored.Version!.PolicyFiles);
        Assert.Equal(TempDeployment.Staging, File.ReadAllText(Root.LiveConfigPath(Env.Staging)));
    }

    [Fact]
    public void Deploy_TwoAtOnce_BothLandOneAfterTheOther()
    {
        var roots = new[] { _temp.Open(), _temp.Open() };
        var configs = new[] { "batch_size: 30", "batch_size: 40" }
            .Select(b => TempDeployment.Staging.Replace("batch_size: 20", b, StringComparison.Ordinal)).ToArray();
        using var start = new Barrier(2);

        var tasks = Enumerable.Range(0, 2)
            .Select(i => Task.Factory.StartNew(() =>
            {
                start.SignalAndWait();
                return roots[i].Deploy(TempDeployment.Request(configs[i]));
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))
            .ToArray();
        var results = tasks.Select(t => t.GetAwaiter().GetResult()).ToArray();

        Assert.All(results, r => Assert.Equal(DeploymentOutcome.Deployed, r.Outcome));
        Assert.Equal([1, 2], results.Select(r => r.Version!.Number).Order());
        var history = Root.GetHistory(Env.Staging);
        Assert.Equal(2, history.Count);
        Assert.All(history, v => Assert.Equal(v.Hash, Root.ReadContent(Env.Staging, v.Number).Hash));
        Assert.Equal(Root.ReadContent(Env.Staging, 2).ConfigText, File.ReadAllText(Root.LiveConfigPath(Env.Staging)));
        Assert.Equal(2, Root.ReadAudit().Count);
    }

    [Fact]
    public void Deploy_WhileTheLockIsHeld_FailsClearlyAfterTheTimeout()
    {
        Directory.CreateDirectory(_temp.RootPath);
        using var held = new FileStream(Path.Combine(_temp.RootPath, ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        var root = _temp.Open(lockTimeout: TimeSpan.Zero);

        var error = Assert.Throws<DeploymentException>(() => root.Deploy(TempDeployment.Request(TempDeployment.Staging)));

        Assert.Contains("another deployment operation holds the lock", error.Message, StringComparison.Ordinal);
        Assert.Null(Root.GetCurrent(Env.Staging));
    }

    [Theory]
    [InlineData("version-written")]
    [InlineData("live-written")]
    public void Deploy_CrashBeforeCommit_LeavesThePreviousVersionCurrentAndTheNextOperationRepairs(string stage)
    {
        var v1 = Root.Deploy(TempDeployment.Request(TempDeployment.Staging, Policies(("a.yaml", TempDeployment.Policy))));
        var crashing = _temp.Open(stageHook: s =>
        {
            if (s == stage)
            {
                throw new InvalidOperationException("simulated crash");
            }
        });
        var edited = TempDeployment.Staging.Replace("batch_size: 20", "batch_size: 30", StringComparison.Ordinal);

        Assert.Throws<InvalidOperationException>(() => crashing.Deploy(TempDeployment.Request(edited, Policies(("b.yaml", TempDeployment.Policy)))));

        Assert.Equal(v1.Version, Root.GetCurrent(Env.Staging));
        Assert.Single(Root.GetHistory(Env.Staging));
        var next = Root.Deploy(TempDeployment.Request(TempDeployment.Staging));
        Assert.Equal(DeploymentOutcome.Unchanged, next.Outcome);
        Assert.Equal(stage == "live-written", next.RepairedLiveFiles);
        Assert.Equal(TempDeployment.Staging, File.ReadAllText(Root.LiveConfigPath(Env.Staging)));
        Assert.Equal(["a.yaml"], Directory.GetFiles(Root.LivePolicyDirectory(Env.Staging)).Select(Path.GetFileName));
        Assert.Equal(["000001"], Directory.GetDirectories(Path.Combine(Root.EnvironmentDirectory(Env.Staging), "versions")).Select(Path.GetFileName));
        Assert.Equal(2, Root.Deploy(TempDeployment.Request(edited)).Version!.Number);
    }

    [Fact]
    public void Deploy_IoFailureWhileWriting_PutsTheLiveFilesBackAuditsAndThrowsAClearError()
    {
        var v1 = Root.Deploy(TempDeployment.Request(TempDeployment.Staging));
        var failing = _temp.Open(stageHook: s =>
        {
            if (s == "live-written")
            {
                throw new IOException("disk full");
            }
        });
        var edited = TempDeployment.Staging.Replace("batch_size: 20", "batch_size: 30", StringComparison.Ordinal);

        var error = Assert.Throws<DeploymentException>(() => failing.Deploy(TempDeployment.Request(edited)));

        Assert.Contains("writing version 2 failed: disk full; version 1 is current", error.Message, StringComparison.Ordinal);
        Assert.Equal(v1.Version, Root.GetCurrent(Env.Staging));
        Assert.Equal(TempDeployment.Staging, File.ReadAllText(Root.LiveConfigPath(Env.Staging)));
        Assert.Equal(["000001"], Directory.GetDirectories(Path.Combine(Root.EnvironmentDirectory(Env.Staging), "versions")).Select(Path.GetFileName));
        var audit = Root.ReadAudit()[^1];
        Assert.Equal(DeploymentOutcome.Failed, audit.Result);
        Assert.Equal("writing version 2 failed: disk full", audit.Message);
    }

    [Fact]
    public void Deploy_CrashAfterCommit_KeepsTheNewVersion()
    {
        var crashing = _temp.Open(stageHook: s =>
        {
            if (s == "committed")
            {
                throw new InvalidOperationException("simulated crash");
            }
        });

        Assert.Throws<InvalidOperationException>(() => crashing.Deploy(TempDeployment.Request(TempDeployment.Staging)));

        Assert.Equal(1, Root.GetCurrent(Env.Staging)!.Number);
    }

    [Fact]
    public void ReadContent_TamperedVersionFile_IsReportedAsDamaged()
    {
        Root.Deploy(TempDeployment.Request(TempDeployment.Staging));
        File.AppendAllText(Path.Combine(Root.EnvironmentDirectory(Env.Staging), "versions", "000001", "config.yaml"), "# edited\n");

        var error = Assert.Throws<DeploymentException>(() => Root.ReadContent(Env.Staging, 1));

        Assert.Contains("version 1 is damaged", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadAudit_CutLastLine_IsSkipped()
    {
        Root.Deploy(TempDeployment.Request(TempDeployment.Staging));
        File.AppendAllText(Root.AuditLogPath, "{\"time\":\"2025-");

        Assert.Single(Root.ReadAudit());
        Assert.Equal(DeploymentOutcome.Unchanged, Root.Deploy(TempDeployment.Request(TempDeployment.Staging)).Outcome);
        Assert.Equal([DeploymentOutcome.Deployed, DeploymentOutcome.Unchanged], Root.ReadAudit().Select(a => a.Result));
    }
}
