namespace MemoryTriggers.Policies.Templates;

/// <summary>A placeholder could not be resolved; the message names it.</summary>
internal sealed class TemplateException(string message) : Exception(message);
