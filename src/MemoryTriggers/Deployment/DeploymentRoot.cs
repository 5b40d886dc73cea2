using System.Globalization;
using System.Text;
using MemoryTriggers.Configuration;
using MemoryTriggers.Policies;
using MemoryTriggers.Validation;
using Env = MemoryTriggers.Configuration.Environment;

namespace MemoryTriggers.Deployment;

/// <summary>
/// A deployment root: per environment, the live configuration and policies a service watches
/// (<c>ENV/config.yaml</c>, <c>ENV/policies/</c>), a numbered history of immutable versions with
/// content hashes (<c>ENV/versions/000001/</c>), the current-version pointer (<c>ENV/current.json</c>),
/// backups (<c>ENV/backups/</c>), and one audit log for the root (<c>audit.jsonl</c>).
/// </summary>
/// <remarks>
/// Every write holds the root's lock, so concurrent operations run one after another. A version is
/// written in full into a temporary directory and renamed into place, then the live files (each
/// atomically, only those that change, the configuration last), then the pointer; the pointer's
/// rename is the commit. After a crash the pointer still names the previous version, and the next
/// operation deletes the unfinished version and puts the live files back to the current version.
/// History is never rewritten: a restore or a rollback writes a new version.
/// </remarks>
public sealed class DeploymentRoot
{
    /// <summary>The environment variable that names the root when no path is given.</summary>
    public const string RootVariable = "MEMORY_DEPLOY_ROOT";

    /// <summary>The root used when neither a path nor <see cref="RootVariable"/> is given.</summary>
    public const string DefaultPath = "deploy";

    /// <summary>The audit log's file name, directly in the root.</summary>
    public const string AuditFileName = "audit.jsonl";

    private const string VersionsDirectoryName = "versions";
    private const string BackupsDirectoryName = "backups";
    private const string PointerFileName = "current.json";
    private const string ManifestFileName = "manifest.json";
    private const string TempDirectoryPrefix = ".tmp-";

    /// <summary>Initializes a new instance of the <see cref="DeploymentRoot"/> class. Nothing is created until the first write.</summary>
    /// <param name="path">The root directory.</param>
    /// <param name="options">How to work; the defaults when null.</param>
    public DeploymentRoot(string path, DeploymentOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        Options = options ?? new DeploymentOptions();
    }

    /// <summary>Gets the root directory (a full path).</summary>
    public string Path { get; }

    /// <summary>Gets the options.</summary>
    public DeploymentOptions Options { get; }

    /// <summary>Gets the audit log's path.</summary>
    public string AuditLogPath => System.IO.Path.Combine(Path, AuditFileName);

    /// <summary>Returns an environment's directory.</summary>
    /// <param name="environment">The environment.</param>
    /// <returns>The directory, named after the environment.</returns>
    public string EnvironmentDirectory(Env environment) => System.IO.Path.Combine(Path, EnvironmentNames.Of(environment));

    /// <summary>Returns the live configuration file of an environment: the file a service watches.</summary>
    /// <param name="environment">The environment.</param>
    /// <returns>The path of <c>ENV/config.yaml</c>.</returns>
    public string LiveConfigPath(Env environment) => System.IO.Path.Combine(EnvironmentDirectory(environment), DeploymentContent.ConfigFileName);

    /// <summary>Returns the live policy directory of an environment.</summary>
    /// <param name="environment">The environment.</param>
    /// <returns>The path of <c>ENV/policies</c>.</returns>
    public string LivePolicyDirectory(Env environment) => System.IO.Path.Combine(EnvironmentDirectory(environment), DeploymentContent.PoliciesDirectoryName);

    /// <summary>Returns where <c>deploy --backup</c> writes the bundles of an environment.</summary>
    /// <param name="environment">The environment.</param>
    /// <returns>The path of <c>ENV/backups</c>.</returns>
    public string BackupDirectory(Env environment) => System.IO.Path.Combine(EnvironmentDirectory(environment), BackupsDirectoryName);

    /// <summary>Lists the environments that have a current version.</summary>
    /// <returns>The environments, in enum order.</returns>
    public IReadOnlyList<Env> DeployedEnvironments() =>
        [.. Enum.GetValues<Env>().Where(e => File.Exists(PointerPath(e)))];

    /// <summary>Reads an environment's current version.</summary>
    /// <param name="environment">The environment.</param>
    /// <returns>The version, or null when nothing is deployed.</returns>
    /// <exception cref="DeploymentException">The pointer or the manifest is damaged.</exception>
    public DeploymentVersion? GetCurrent(Env environment)
    {
        var pointerPath = PointerPath(environment);
        if (!File.Exists(pointerPath))
        {
            return null;
        }

        var (number, hash) = DeploymentJson.ReadPointer(DeploymentFiles.ReadText(pointerPath, "the current-version pointer"), pointerPath);
        var version = ReadManifest(environment, number);
        return string.Equals(version.Hash, hash, StringComparison.Ordinal)
            ? version
            : throw new DeploymentException($"{pointerPath}: the pointer's hash does not match version {number}'s manifest; the root is damaged");
    }

    /// <summary>Reads every version of an environment, oldest first.</summary>
    /// <param name="environment">The environment.</param>
    /// <returns>Versions 1 to the current one; empty when nothing is deployed.</returns>
    /// <exception cref="DeploymentException">A manifest is missing or damaged.</exception>
    public IReadOnlyList<DeploymentVersion> GetHistory(Env environment)
    {
        var current = GetCurrent(environment);
        return current is null ? [] : [.. Enumerable.Range(1, current.Number - 1).Select(n => ReadManifest(environment, n)), current];
    }

    /// <summary>Reads the files of a version and checks them against its hash.</summary>
    /// <param name="environment">The environment.</param>
    /// <param name="version">The version number.</param>
    /// <returns>The content.</returns>
    /// <exception cref="DeploymentException">The version does not exist, or its files do not match its hash.</exception>
    public DeploymentContent ReadContent(Env environment, int version)
    {
        var current = GetCurrent(environment);
        if (current is null || version < 1 || version > current.Number)
        {
            throw new DeploymentException(current is null
                ? $"{EnvironmentDirectory(environment)}: nothing is deployed to {EnvironmentNames.Of(environment)}"
                : $"{EnvironmentDirectory(environment)}: version {version} does not exist; {EnvironmentNames.Of(environment)} has versions 1 to {current.Number}");
        }

        var manifest = version == current.Number ? current : ReadManifest(environment, version);
        var directory = VersionDirectory(environment, version);
        var config = DeploymentFiles.ReadText(System.IO.Path.Combine(directory, DeploymentContent.ConfigFileName), "the version's configuration");
        var policies = manifest.PolicyFiles.Select(name => new KeyValuePair<string, string>(name,
            DeploymentFiles.ReadText(System.IO.Path.Combine(directory, DeploymentContent.PoliciesDirectoryName, name), "the version's policy file")));
        DeploymentContent content;
        try
        {
            content = new DeploymentContent(config, policies);
        }
        catch (ArgumentException ex)
        {
            throw new DeploymentException($"{directory}: the version's manifest is damaged: {ex.Message}", ex);
        }

        return string.Equals(content.Hash, manifest.Hash, StringComparison.Ordinal)
            ? content
            : throw new DeploymentException(
                $"{directory}: version {version} is damaged: its files hash to {content.ShortHash}, its manifest says {DeploymentContent.ShortenHash(manifest.Hash)}; restore from a backup");
    }

    /// <summary>Reads the audit log; lines that are not complete entries (cut by a crash) are skipped.</summary>
    /// <returns>The entries, oldest first.</returns>
    public IReadOnlyList<AuditEntry> ReadAudit()
    {
        if (!File.Exists(AuditLogPath))
        {
            return [];
        }

        using var stream = new FileStream(AuditLogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var entries = new List<AuditEntry>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && DeploymentJson.ReadAuditLine(line) is { } entry)
            {
                entries.Add(entry);
            }
        }

        return entries;
    }

    /// <summary>Makes a backup bundle of an environment's current version.</summary>
    /// <param name="environment">The environment.</param>
    /// <param name="includePolicies">Whether the bundle holds the policy files too.</param>
    /// <returns>The bundle, not yet written.</returns>
    /// <exception cref="DeploymentException">Nothing is deployed, or the version is damaged.</exception>
    public BackupBundle CreateBackup(Env environment, bool includePolicies)
    {
        var current = GetCurrent(environment)
            ?? throw new DeploymentException($"{EnvironmentDirectory(environment)}: nothing is deployed to {EnvironmentNames.Of(environment)}, so there is nothing to back up");
        var content = ReadContent(environment, current.Number);
        return new BackupBundle(environment, current.Number, includePolicies ? content : new DeploymentContent(content.ConfigText), includePolicies,
            Options.TimeProvider.GetUtcNow(), Options.ToolVersion, Options.User, current.Hash);
    }

    /// <summary>
    /// Deploys a configuration (and policy files) to an environment as a new version, after
    /// validating it: errors refuse it, and warnings too under <see cref="DeploymentRequest.Strict"/>
    /// or for production. Equal content writes nothing. Every outcome except a dry run is audited.
    /// </summary>
    /// <param name="request">What to deploy.</param>
    /// <param name="cancellationToken">Cancels the wait for the lock.</param>
    /// <returns>What happened, with the issues and the diff against the current version.</returns>
    /// <exception cref="DeploymentException">The lock could not be taken, the root is damaged, or writing failed (the previous version stays current).</exception>
    public DeploymentResult Deploy(DeploymentRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.DryRun)
        {
            return Apply(request, repaired: false);
        }

        using var held = DeploymentLock.Acquire(Path, Options.LockTimeout, Options.TimeProvider, cancellationToken);
        var repaired = Recover(request.Environment);
        return Apply(request, repaired);
    }

    /// <summary>Restores a backup bundle as a new version (validated like a deploy; a bundle without policies keeps the deployed ones).</summary>
    /// <param name="bundle">The verified bundle.</param>
    /// <param name="source">Where the bundle came from (its path), for issues, the version and the audit log.</param>
    /// <param name="environment">The target environment; the bundle's when null.</param>
    /// <param name="dryRun">Only validate and compare.</param>
    /// <param name="strict">Refuse warnings too.</param>
    /// <param name="cancellationToken">Cancels the wait for the lock.</param>
    /// <returns>What happened.</returns>
    /// <exception cref="DeploymentException">As for <see cref="Deploy"/>.</exception>
    public DeploymentResult Restore(BackupBundle bundle, string source, Env? environment = null, bool dryRun = false, bool strict = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(source);
        return Deploy(new DeploymentRequest
        {
            Environment = environment ?? bundle.Environment,
            ConfigText = bundle.Content.ConfigText,
            ConfigSource = source + "#" + DeploymentContent.ConfigFileName,
            PolicyFiles = bundle.IncludesPolicies ? bundle.Content.PolicyFiles : null,
            PolicySource = source + "#" + DeploymentContent.PoliciesDirectoryName,
            DryRun = dryRun,
            Strict = strict,
            Action = DeploymentAction.Restore,
        }, cancellationToken);
    }

    /// <summary>
    /// Makes an earlier version's content current again, as a new version. Without
    /// <paramref name="toVersion"/>, the latest earlier version whose content differs from the current one.
    /// Refused only for errors (a rollback is for emergencies), which can appear when the rules or the overrides changed since.
    /// </summary>
    /// <param name="environment">The environment.</param>
    /// <param name="toVersion">The version to go back to.</param>
    /// <param name="dryRun">Only validate and compare.</param>
    /// <param name="cancellationToken">Cancels the wait for the lock.</param>
    /// <returns>What happened.</returns>
    /// <exception cref="DeploymentException">Nothing is deployed, the version does not exist, no earlier version differs, or as for <see cref="Deploy"/>.</exception>
    public DeploymentResult Rollback(Env environment, int? toVersion = null, bool dryRun = false, CancellationToken cancellationToken = default)
    {
        using var held = dryRun ? null : DeploymentLock.Acquire(Path, Options.LockTimeout, Options.TimeProvider, cancellationToken);
        var repaired = !dryRun && Recover(environment);
        var history = GetHistory(environment);
        var name = EnvironmentNames.Of(environment);
        if (history.Count == 0)
        {
            throw new DeploymentException($"{EnvironmentDirectory(environment)}: nothing is deployed to {name}, so there is nothing to roll back");
        }

        var current = history[^1];
        var target = toVersion ?? history.LastOrDefault(v => v.Number < current.Number && v.Hash != current.Hash)?.Number
            ?? throw new DeploymentException($"{EnvironmentDirectory(environment)}: no earlier version of {name} differs from the current version {current.Number}");
        if (target < 1 || target > current.Number)
        {
            throw new DeploymentException($"{EnvironmentDirectory(environment)}: version {target} does not exist; {name} has versions 1 to {current.Number}");
        }

        var content = ReadContent(environment, target);
        var label = string.Create(CultureInfo.InvariantCulture, $"{name} v{target}");
        return Apply(new DeploymentRequest
        {
            Environment = environment,
            ConfigText = content.ConfigText,
            ConfigSource = label + "/" + DeploymentContent.ConfigFileName,
            PolicyFiles = content.PolicyFiles,
            PolicySource = label + "/" + DeploymentContent.PoliciesDirectoryName,
            DryRun = dryRun,
            Action = DeploymentAction.Rollback,
            FromVersion = target,
        }, repaired);
    }

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private static DeploymentContent NewContent(DeploymentRequest request, DeploymentContent? current)
    {
        try
        {
            return new DeploymentContent(request.ConfigText, request.PolicyFiles ?? current?.PolicyFiles);
        }
        catch (ArgumentException ex)
        {
            throw new DeploymentException($"{request.PolicySource ?? request.ConfigSource}: {ex.Message}", ex);
        }
    }

    private string PointerPath(Env environment) => System.IO.Path.Combine(EnvironmentDirectory(environment), PointerFileName);

    private string VersionsDirectory(Env environment) => System.IO.Path.Combine(EnvironmentDirectory(environment), VersionsDirectoryName);

    private string VersionDirectory(Env environment, int version) =>
        System.IO.Path.Combine(VersionsDirectory(environment), version.ToString("D6", CultureInfo.InvariantCulture));

    private DeploymentVersion ReadManifest(Env environment, int version)
    {
        var path = System.IO.Path.Combine(VersionDirectory(environment, version), ManifestFileName);
        var manifest = DeploymentJson.ReadManifest(DeploymentFiles.ReadText(path, "the version manifest"), path);
        return manifest.Number == version && manifest.Environment == environment
            ? manifest
            : throw new DeploymentException($"{path}: the manifest describes {EnvironmentNames.Of(manifest.Environment)} version {manifest.Number}, not version {version}; the root is damaged");
    }

    private DeploymentResult Apply(DeploymentRequest request, bool repaired)
    {
        var environment = request.Environment;
        var current = GetCurrent(environment);
        var currentContent = current is null ? null : ReadContent(environment, current.Number);
        var content = NewContent(request, currentContent);
        var check = DeploymentCheck.Run(content, request, Options.EnvironmentVariables);
        var errors = check.Issues.Count(i => i.IsError);
        var warnings = check.Issues.Count(i => i.Severity == IssueSeverity.Warning);
        var warningsBlock = request.Action != DeploymentAction.Rollback && (request.Strict || environment == Env.Production);
        var result = new DeploymentResult
        {
            Outcome = DeploymentOutcome.Planned,
            Environment = environment,
            Action = request.Action,
            Hash = content.Hash,
            Previous = current,
            Issues = check.Issues,
            HasChanges = current?.Hash != content.Hash,
            RepairedLiveFiles = repaired,
        };

        if (errors > 0 || (warningsBlock && warnings > 0))
        {
            var why = errors > 0
                ? Count(errors, "error")
                : $"{Count(warnings, "warning")}; {(request.Strict ? "--strict" : EnvironmentNames.Of(environment))} refuses warnings";
            result = result with { Outcome = DeploymentOutcome.Refused, RefusedForWarnings = errors == 0, Message = why };
            if (!request.DryRun)
            {
                Audit(request, result, null);
            }

            return result;
        }

        result = result with { Diff = Diff(request, content, check, current, currentContent) };
        if (request.DryRun)
        {
            return result;
        }

        if (!result.HasChanges)
        {
            result = result with { Outcome = DeploymentOutcome.Unchanged, Version = current };
            Audit(request, result, null);
            return result;
        }

        string? backupPath = null;
        if (request.Backup && current is not null)
        {
            var bundle = CreateBackup(environment, includePolicies: true);
            backupPath = System.IO.Path.Combine(BackupDirectory(environment), bundle.DefaultFileName);
            bundle.WriteTo(backupPath);
        }

        var version = Commit(request, content, current);
        result = result with { Outcome = DeploymentOutcome.Deployed, Version = version, BackupPath = backupPath };
        Audit(request, result, version);
        return result;
    }

    private DeploymentVersion Commit(DeploymentRequest request, DeploymentContent content, DeploymentVersion? current)
    {
        var environment = request.Environment;
        var version = new DeploymentVersion
        {
            Number = (current?.Number ?? 0) + 1,
            Environment = environment,
            Hash = content.Hash,
            CreatedAt = Options.TimeProvider.GetUtcNow(),
            User = Options.User,
            Action = request.Action,
            Source = request.ConfigSource,
            FromVersion = request.FromVersion,
            PolicyFiles = ValueList<string>.From(content.PolicyFiles.Keys),
            ToolVersion = Options.ToolVersion,
        };

        try
        {
            WriteVersion(environment, version, content);
            Options.StageHook?.Invoke("version-written");
            WriteLive(environment, content);
            Options.StageHook?.Invoke("live-written");
            DeploymentFiles.WriteAtomic(PointerPath(environment), DeploymentJson.Pointer(version.Number, version.Hash));
            Options.StageHook?.Invoke("committed");
            return version;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var cleanup = string.Empty;
            try
            {
                Recover(environment);
            }
            catch (Exception again) when (again is IOException or UnauthorizedAccessException or DeploymentException)
            {
                cleanup = $"; putting the live files back also failed ({again.Message}), the next operation retries";
            }

            var stays = GetCurrent(environment);
            var message = $"writing version {version.Number} failed: {ex.Message}{cleanup}";
            Audit(request, new DeploymentResult
            {
                Outcome = DeploymentOutcome.Failed,
                Environment = environment,
                Action = request.Action,
                Hash = content.Hash,
                Previous = current,
                Message = message,
            }, null);
            throw new DeploymentException(
                $"{EnvironmentDirectory(environment)}: {message}; {(stays is null ? "nothing is deployed" : $"version {stays.Number} is current")}", ex);
        }
    }

    private void WriteVersion(Env environment, DeploymentVersion version, DeploymentContent content)
    {
        var versions = VersionsDirectory(environment);
        var temp = System.IO.Path.Combine(versions, TempDirectoryPrefix + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(temp);
        DeploymentFiles.WriteAtomic(System.IO.Path.Combine(temp, DeploymentContent.ConfigFileName), content.ConfigText);
        var policies = System.IO.Path.Combine(temp, DeploymentContent.PoliciesDirectoryName);
        Directory.CreateDirectory(policies);
        foreach (var (name, text) in content.PolicyFiles)
        {
            DeploymentFiles.WriteAtomic(System.IO.Path.Combine(policies, name), text);
        }

        DeploymentFiles.WriteAtomic(System.IO.Path.Combine(temp, ManifestFileName), DeploymentJson.Manifest(version));
        Directory.Move(temp, VersionDirectory(environment, version.Number));
    }

    /// <summary>Makes the live files equal to the content, touching only files that differ, the configuration last.</summary>
    /// <returns>Whether anything changed.</returns>
    private bool WriteLive(Env environment, DeploymentContent content)
    {
        var changed = false;
        var policies = LivePolicyDirectory(environment);
        Directory.CreateDirectory(policies);
        foreach (var (name, text) in content.PolicyFiles)
        {
            changed |= DeploymentFiles.WriteIfChanged(System.IO.Path.Combine(policies, name), text);
        }

        foreach (var stale in PolicyLoader.ListFiles(policies).Where(f => !content.PolicyFiles.ContainsKey(System.IO.Path.GetFileName(f))))
        {
            File.Delete(stale);
            changed = true;
        }

        changed |= DeploymentFiles.WriteIfChanged(LiveConfigPath(environment), content.ConfigText);
        return changed;
    }

    /// <summary>
    /// Undoes what an interrupted operation left: unfinished version directories and temporary files
    /// are deleted, and the live files are put back to the current version.
    /// </summary>
    /// <returns>Whether the live files had to be put back.</returns>
    private bool Recover(Env environment)
    {
        var directory = EnvironmentDirectory(environment);
        if (!Directory.Exists(directory))
        {
            return false;
        }

        var current = GetCurrent(environment);
        var versions = VersionsDirectory(environment);
        if (Directory.Exists(versions))
        {
            foreach (var entry in Directory.EnumerateDirectories(versions))
            {
                var name = System.IO.Path.GetFileName(entry);
                var unfinished = name.StartsWith(TempDirectoryPrefix, StringComparison.Ordinal)
                    || (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > (current?.Number ?? 0));
                if (unfinished)
                {
                    Directory.Delete(entry, recursive: true);
                }
            }
        }

        DeploymentFiles.DeleteTempFiles(directory);
        DeploymentFiles.DeleteTempFiles(LivePolicyDirectory(environment));
        if (current is not null)
        {
            return WriteLive(environment, ReadContent(environment, current.Number));
        }

        var repaired = false;
        if (File.Exists(LiveConfigPath(environment)))
        {
            File.Delete(LiveConfigPath(environment));
            repaired = true;
        }

        foreach (var stale in PolicyLoader.ListFiles(LivePolicyDirectory(environment)))
        {
            File.Delete(stale);
            repaired = true;
        }

        return repaired;
    }

    private void Audit(DeploymentRequest request, DeploymentResult result, DeploymentVersion? written)
    {
        var entry = new AuditEntry
        {
            Time = Options.TimeProvider.GetUtcNow(),
            User = Options.User,
            Environment = request.Environment,
            Action = request.Action,
            Result = result.Outcome,
            OldVersion = result.Previous?.Number,
            OldHash = result.Previous?.Hash,
            NewVersion = written?.Number,
            NewHash = result.Hash,
            Source = request.ConfigSource,
            Message = result.Message,
        };
        DeploymentFiles.AppendLine(AuditLogPath, DeploymentJson.AuditLine(entry));
    }

    private string Diff(DeploymentRequest request, DeploymentContent content, DeploymentCheck check, DeploymentVersion? current, DeploymentContent? currentContent)
    {
        var variables = Options.EnvironmentVariables;
        var deployedLabel = current is null ? null : string.Create(CultureInfo.InvariantCulture, $"{EnvironmentNames.Of(request.Environment)} v{current.Number}");
        var output = new StringBuilder();
        var oldConfig = currentContent is null ? string.Empty
            : DeploymentCheck.Effective(currentContent.ConfigText, deployedLabel + "/" + DeploymentContent.ConfigFileName, variables);
        output.Append(UnifiedDiff.Create(
            oldConfig,
            check.EffectiveConfig ?? SecretText.Redact(content.ConfigText),
            deployedLabel is null ? "/dev/null" : $"{deployedLabel}/{DeploymentContent.ConfigFileName} (deployed, effective)",
            request.ConfigSource + " (effective)"));
        var oldPolicies = currentContent?.PolicyFiles ?? new Dictionary<string, string>();
        foreach (var name in oldPolicies.Keys.Union(content.PolicyFiles.Keys).Order(StringComparer.Ordinal))
        {
            var before = oldPolicies.GetValueOrDefault(name);
            var after = content.PolicyFiles.GetValueOrDefault(name);
            output.Append(UnifiedDiff.Create(
                SecretText.Redact(before ?? string.Empty),
                SecretText.Redact(after ?? string.Empty),
                before is null ? "/dev/null" : $"{deployedLabel}/{DeploymentContent.PoliciesDirectoryName}/{name}",
                after is null ? "/dev/null" : DeploymentCheck.PolicySourceName(request, name)));
        }

        return output.ToString();
    }
}
