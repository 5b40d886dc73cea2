using MemoryTriggers.Configuration;
using MemoryTriggers.Configuration.Binding;

namespace MemoryTriggers.Validation.Rules;

/// <summary>Rules of the backend section: implemented backends, credentials, failover and encryption.</summary>
internal static class BackendRules
{
    private static readonly string[] s_implemented = ["mem0", "local"];

    public static IEnumerable<ValidationIssue> Check(MemoryTriggerConfig c)
    {
        var b = c.Backend;
        var primary = ConfigModel.EnumName(b.BackendType);
        if (!s_implemented.Contains(primary))
        {
            yield return Issue.Error(IssueCodes.BackendNotImplemented, "backend.backend_type",
                $"the {primary} backend is not implemented", "use mem0 or local");
        }

        if (b.BackendType == MemoryBackend.Mem0 && (!b.BackendSettings.TryGetValue("api_key_env", out var keyEnv) || keyEnv is not string { Length: > 0 }))
        {
            yield return Issue.Error(IssueCodes.Mem0ApiKeyEnv, "backend.backend_settings.api_key_env",
                "the mem0 backend needs backend_settings.api_key_env, the name of the environment variable that holds the API key",
                "add api_key_env: MEM0_API_KEY under backend.backend_settings (never the key itself)");
        }

        if (b.EncryptionEnabled && string.IsNullOrWhiteSpace(b.EncryptionKeyPath))
        {
            yield return Issue.Error(IssueCodes.EncryptionKeyMissing, "backend.encryption_key_path",
                "encryption_key_path is required when encryption_enabled is true",
                "set encryption_key_path to a key file (memory-config memories keygen creates one)");
        }

        if (b.EncryptionEnabled && b.EncryptionKeyPath is { Length: > 0 } keyPath && !Path.IsPathRooted(keyPath))
        {
            yield return Issue.Warning(IssueCodes.EncryptionKeyRelative, "backend.encryption_key_path",
                $"the key path '{keyPath}' depends on the working directory",
                "use an absolute path");
        }

        if (b.BackendType == MemoryBackend.Local && b.PoolEnabled && b.PoolSize > 5)
        {
            yield return Issue.Warning(IssueCodes.LocalPoolSize, "backend.pool_size",
                $"a pool of {b.PoolSize} connections to one SQLite file mostly waits on its write lock",
                "use a pool_size of 5 or less for the local backend");
        }

        if (b.FailoverEnabled && b.FailoverBackends.Count == 0)
        {
            yield return Issue.Error(IssueCodes.FailoverEmpty, "backend.failover_backends",
                "failover_enabled is true but failover_backends is empty",
                "list at least one backend, e.g. failover_backends: [local], or turn failover off");
        }

        for (var i = 0; i < b.FailoverBackends.Count; i++)
        {
            var name = b.FailoverBackends[i];
            var path = $"backend.failover_backends[{i}]";
            if (!ConfigModel.EnumNames(typeof(MemoryBackend)).Contains(name))
            {
                yield return Issue.Error(IssueCodes.FailoverUnknown, path,
                    $"'{name}' is not a backend", "use mem0 or local");
            }
            else if (!s_implemented.Contains(name))
            {
                yield return Issue.Error(IssueCodes.BackendNotImplemented, path,
                    $"the {name} backend is not implemented and cannot take failover writes", "use mem0 or local");
            }
            else if (name == primary)
            {
                yield return Issue.Warning(IssueCodes.FailoverSelf, path,
                    $"'{name}' is the primary backend; failing over to it does nothing", "list a different backend");
            }
        }

        foreach (var (key, value) in b.BackendSettings)
        {
            if (value is string && ConfigWriter.IsSecretName(key))
            {
                yield return Issue.Warning(IssueCodes.SecretInSettings, "backend.backend_settings." + key,
                    $"'{key}' looks like a secret written into the file",
                    $"put the secret in an environment variable and name it: {key}_env: MY_VARIABLE");
            }
        }
    }
}
