namespace SecureBase.Rooms;

/// <summary>What the room form partial needs.</summary>
public sealed record RoomFormView(RoomInput Input, IReadOnlyList<(Common.SiteId Id, string Name)> Sites);

internal static class RoomForm
{
    /// <summary>Three rows per weekday, filled from the typed or saved blocks, so a day can have up to three blocks.</summary>
    public static List<TherapyBlockInput> Rows(List<TherapyBlockInput> typed)
    {
        var rows = new List<TherapyBlockInput>();
        foreach (var day in RoomWords.Weekdays)
        {
            var blocks = typed.Where(b => string.Equals(b.Day, day.ToString(), StringComparison.OrdinalIgnoreCase) && !b.IsEmpty).ToList();
            for (var k = 0; k < Math.Max(3, blocks.Count); k++)
            {
                rows.Add(k < blocks.Count ? blocks[k] : new TherapyBlockInput { Day = day.ToString() });
            }
        }

        return rows;
    }
}
