using MemoryTriggers.Configuration;

namespace MemoryTriggers.Validation.Rules;

/// <summary>Rules that depend on the environment the configuration is written for.</summary>
internal static class EnvironmentRules
{
    public static IEnumerable<ValidationIssue> Check(MemoryTriggerConfig c)
    {
        switch (c.Environment)
        {
            case Configuration.Environment.Production:
                if (c.DebugMode)
                {
                    yield return Issue.Error(IssueCodes.ProductionDebugMode, "debug_mode",
                        "debug_mode must be off in production", "set debug_mode: false");
                }

                if (!c.Monitoring.MetricsEnabled)
                {
                    yield return Issue.Warning(IssueCodes.ProductionMetricsOff, "monitoring.metrics_enabled",
                        "metrics are off in production, so problems go unseen", "set metrics_enabled: true");
                }

                if (c.Monitoring.LogLevel == "DEBUG")
                {
                    yield return Issue.Warning(IssueCodes.ProductionDebugLogging, "monitoring.log_level",
                        "DEBUG logging in production is slow and may log memory contents", "use INFO or WARNING");
                }

                if (c.AutoReload)
                {
                    yield return Issue.Warning(IssueCodes.ProductionAutoReload, "auto_reload",
                        "production reloads edited files automatically; changes skip review and deploy", "set auto_reload: false and use memory-config deploy");
                }

                if (!c.Backend.EncryptionEnabled)
                {
                    yield return Issue.Warning(IssueCodes.ProductionEncryptionOff, "backend.encryption_enabled",
                        "memories are not encrypted at rest in production", "set encryption_enabled: true and encryption_key_path");
                }

                if (!c.IsFeatureEnabled(FeatureFlags.QualityAssessment))
                {
                    yield return Issue.Info(IssueCodes.ProductionQualityOff, "features.quality_assessment",
                        "quality assessment is off in production, so low-quality memories are stored", "set quality_assessment: true");
                }

                break;
            case Configuration.Environment.Development when c.ValidationStrict:
                yield return Issue.Info(IssueCodes.DevelopmentStrict, "validation_strict",
                    "strict validation in development turns unknown keys into errors while you experiment", "set validation_strict: false if that gets in the way");
                break;
            case Configuration.Environment.Testing when c.Performance.BackgroundProcessingEnabled:
                yield return Issue.Info(IssueCodes.TestingBackgroundProcessing, "performance.background_processing_enabled",
                    "background processing makes test outcomes asynchronous", "set background_processing_enabled: false for deterministic tests");
                break;
        }
    }
}
