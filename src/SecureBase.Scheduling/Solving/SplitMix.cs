namespace SecureBase.Scheduling.Solving;

/// <summary>
/// A small random number generator (xoshiro256** seeded by SplitMix64) whose sequence is fixed by this code alone,
/// so a seed gives the same timetable on every runtime version; <see cref="Random"/> promises no such thing.
/// </summary>
internal sealed class SplitMix
{
    private ulong _s0, _s1, _s2, _s3;

    public SplitMix(ulong seed)
    {
        _s0 = Next(ref seed);
        _s1 = Next(ref seed);
        _s2 = Next(ref seed);
        _s3 = Next(ref seed);

        static ulong Next(ref ulong x)
        {
            var z = x += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A number in [0, <paramref name="bound"/>); <paramref name="bound"/> must be positive.</summary>
    public int NextInt(int bound) => (int)(((NextUInt64() >> 32) * (ulong)bound) >> 32);

    /// <summary>A number in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));
}
