using System.Diagnostics.CodeAnalysis;
using MemoryTriggers.Configuration;

namespace MemoryTriggers.Validation;

/// <summary>Runs the whole validation pipeline: parse, environment overrides, schema, semantic rules and score.</summary>
public sealed class ComprehensiveValidator
{
    private readonly LoadOptions _options;

    /// <summary>Initializes a new instance of the <see cref="ComprehensiveValidator"/> class.</summary>
    /// <param name="options">How to load; <see langword="null"/> for <see cref="LoadOptions.Default"/>.</param>
    public ComprehensiveValidator(LoadOptions? options = null) => _options = options ?? LoadOptions.Default;

    /// <summary>Validates a configuration built in code. No schema stage runs; the model's types already hold.</summary>
    /// <param name="config">The configuration.</param>
    /// <returns>The report.</returns>
    [SuppressMessage("Performance", "CA1822", Justification = "Validators are objects in the public API, as in the spec.")]
    public ValidationReport ValidateConfiguration(MemoryTriggerConfig config) => new RuntimeConfigurationValidator().ValidateRuntime(config);

    /// <summary>Validates YAML text.</summary>
    /// <param name="yaml">The YAML text.</param>
    /// <param name="sourceName">The name used in locations, such as the file name.</param>
    /// <returns>The report.</returns>
    public ValidationReport ValidateYaml(string yaml, string? sourceName = null) => ConfigurationLoader.LoadFromString(yaml, sourceName, _options);

    /// <summary>Validates a file.</summary>
    /// <param name="path">The file's path.</param>
    /// <returns>The report; a file that cannot be read is a <see cref="IssueCodes.LoadFailed"/> error.</returns>
    public ValidationReport ValidateFile(string path) => ConfigurationLoader.Load(path, _options);
}
