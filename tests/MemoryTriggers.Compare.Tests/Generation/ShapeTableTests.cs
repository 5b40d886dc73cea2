using MemoryTriggers.Compare.Generation;

namespace MemoryTriggers.Compare.Tests.Generation;

public sealed class ShapeTableTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(42)]
    [InlineData(2024)]
    public void Create_AnySeed_Draws20To50DistinctShapesWithBalancedFields(long seed)
    {
        var table = ShapeTable.Create(new SplitMix64(seed, "shapes"));

        Assert.InRange(table.Masks.Count, 20, 50);
        Assert.Equal(table.Masks.Count, table.Masks.Distinct().Count());
        for (var field = 0; field < EventSchema.OptionalFields.Count; field++)
        {
            var share = table.Masks.Count(m => ShapeTable.Has(m, field)) / (double)table.Masks.Count;
            Assert.InRange(share, 0.32, 0.68);
        }
    }
}
