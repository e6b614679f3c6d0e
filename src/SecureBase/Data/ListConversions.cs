using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SecureBase.Data;

/// <summary>Short lists (room features, equipment) kept in one text column, the same on every database.</summary>
internal static class ListConversions
{
    public static PropertyBuilder<List<T>> AsDelimitedText<T>(this PropertyBuilder<List<T>> property, Func<T, string> write, Func<string, T> read, char separator = '|')
    {
        var comparer = new ValueComparer<List<T>>(
            (a, b) => a != null && b != null && a.SequenceEqual(b),
            v => v.Aggregate(0, (h, x) => HashCode.Combine(h, x)),
            v => v.ToList());
        property.HasConversion(
            v => string.Join(separator, v.Select(write)),
            s => s.Length == 0 ? new List<T>() : s.Split(separator, StringSplitOptions.None).Select(read).ToList(),
            comparer);
        return property;
    }
}
