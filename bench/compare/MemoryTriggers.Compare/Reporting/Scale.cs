namespace MemoryTriggers.Compare.Reporting;

/// <summary>A unit to print values in: divide by <paramref name="Divisor"/>, append <paramref name="Suffix"/>.</summary>
/// <param name="Divisor">What one unit is worth.</param>
/// <param name="Suffix">The unit, with its leading space (empty for plain numbers).</param>
internal readonly record struct Scale(double Divisor, string Suffix)
{
    /// <summary>The number alone, in this unit.</summary>
    public string Number(double value) => Units.Sig3(value / Divisor);

    /// <summary>The number with its unit.</summary>
    public string Format(double value) => Number(value) + Suffix;
}
