namespace MemoryTriggers.Configuration.Binding;

/// <summary>The shape of a configuration field, which decides how it is read, overridden and written.</summary>
internal enum FieldKind
{
    Boolean,
    Integer,
    Number,
    String,
    Enum,
    StringList,
    Section,
    SectionMap,
    BooleanMap,
    AnyMap,
}
