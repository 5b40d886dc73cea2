namespace MemoryTriggers.Configuration;

/// <summary>The deployment environment a configuration is written for.</summary>
public enum Environment
{
    /// <summary>A developer's machine: verbose logging, long timeouts, local store.</summary>
    Development,

    /// <summary>Automated tests: fast timeouts, short retention, local store.</summary>
    Testing,

    /// <summary>Pre-production: production-like, with staging credentials.</summary>
    Staging,

    /// <summary>Production: tight timeouts, encryption, monitoring and alerting.</summary>
    Production,
}
