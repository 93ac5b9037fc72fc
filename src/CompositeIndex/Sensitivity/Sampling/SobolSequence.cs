using System.Globalization;

namespace CompositeIndex.Sensitivity.Sobol;

/// <summary>
/// The Sobol' low-discrepancy sequence in base 2 with the Joe–Kuo direction numbers (<c>new-joe-kuo-6.21201</c>),
/// in Gray-code order, optionally randomised by a seeded digital shift.
/// </summary>
/// <remarks>
/// <para>Construction (I. M. Sobol', "On the distribution of points in a cube and the approximate evaluation of
/// integrals", USSR Comput. Math. Math. Phys. 7(4), 1967; S. Joe and F. Y. Kuo, "Notes on generating Sobol'
/// sequences", 2008, and SIAM J. Sci. Comput. 30, 2635–2654, 2008): for dimension j with primitive polynomial
/// <c>x^s + a_1 x^(s−1) + … + a_(s−1) x + 1</c> and initial integers m_1 … m_s, the direction integers are
/// <c>m_k = 2a_1 m_(k−1) ⊕ 2²a_2 m_(k−2) ⊕ … ⊕ 2^s m_(k−s) ⊕ m_(k−s)</c> and <c>v_k = m_k / 2^k</c>; point i is
/// <c>x_i = g_1 v_1 ⊕ g_2 v_2 ⊕ …</c> over the bits g of the Gray code <c>i ⊕ (i ≫ 1)</c> (Antonov–Saleev ordering,
/// as in Joe and Kuo's own generator and in SciPy). Dimension 1 is van der Corput's sequence. Point 0 is the origin.</para>
/// <para>With a digital shift (a random 32-bit mask per dimension XOR-ed onto every point, drawn from the seed) the
/// points stay a (t, s)-sequence and each is uniform on [0, 1)^d; estimates become unbiased and the seed drives the
/// design (P. L'Ecuyer and C. Lemieux, "Recent advances in randomized quasi-Monte Carlo methods", 2002).</para>
/// <para>Coordinates have 32 bits, so at most 2^32 points. Immutable and thread-safe: <see cref="GetPoint"/> computes
/// any point directly from its index.</para>
/// </remarks>
public sealed class SobolSequence
{
    /// <summary>The largest supported dimension (the direction-number table holds dimensions 1 to 128).</summary>
    public const int MaxDimensions = 128;

    private const int Bits = 32;
    private readonly uint[] directions; // [dimension * Bits + k]
    private readonly uint[] shifts;

    /// <summary>Initializes an unshifted sequence (the published Joe–Kuo points).</summary>
    /// <param name="dimensions">The dimension, in [1, <see cref="MaxDimensions"/>].</param>
    /// <exception cref="ArgumentOutOfRangeException">The dimension is out of range.</exception>
    public SobolSequence(int dimensions)
        : this(dimensions, null)
    {
    }

    /// <summary>Initializes a sequence, digitally shifted when <paramref name="shiftSeed"/> is given.</summary>
    /// <param name="dimensions">The dimension, in [1, <see cref="MaxDimensions"/>].</param>
    /// <param name="shiftSeed">The seed of the random digital shift, or <see langword="null"/> for the plain sequence. 0 is a valid seed.</param>
    /// <exception cref="ArgumentOutOfRangeException">The dimension is out of range.</exception>
    public SobolSequence(int dimensions, ulong? shiftSeed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dimensions, MaxDimensions);
        Dimensions = dimensions;
        ShiftSeed = shiftSeed;
        directions = BuildDirections(dimensions);
        shifts = new uint[dimensions];
        if (shiftSeed is { } seed)
        {
            var rng = RandomStream.Create(seed, RandomStream.Purpose.Scramble, (ulong)dimensions);
            for (var j = 0; j < dimensions; j++)
            {
                shifts[j] = (uint)(rng.NextUInt64() >> 32);
            }
        }
    }

    /// <summary>Gets the dimension.</summary>
    public int Dimensions { get; }

    /// <summary>Gets the seed of the digital shift, or <see langword="null"/> for the plain sequence.</summary>
    public ulong? ShiftSeed { get; }

    /// <summary>Writes point <paramref name="index"/> (0-based; point 0 of the plain sequence is the origin).</summary>
    /// <param name="index">The point index, in [0, 2^32).</param>
    /// <param name="destination">Receives <see cref="Dimensions"/> coordinates in [0, 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">The index is out of range.</exception>
    /// <exception cref="ArgumentException">The destination is too short.</exception>
    public void GetPoint(long index, Span<double> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, (long)uint.MaxValue);
        if (destination.Length < Dimensions)
        {
            throw new ArgumentException($"The destination holds {destination.Length} values; {Dimensions} are needed.", nameof(destination));
        }

        var gray = (uint)index ^ ((uint)index >> 1);
        for (var j = 0; j < Dimensions; j++)
        {
            uint x = 0;
            var g = gray;
            var k = 0;
            var row = j * Bits;
            while (g != 0)
            {
                if ((g & 1) != 0)
                {
                    x ^= directions[row + k];
                }

                g >>= 1;
                k++;
            }

            destination[j] = (x ^ shifts[j]) * (1.0 / 4294967296.0);
        }
    }

    /// <summary>
    /// Writes points 0, 1, …, <paramref name="count"/> − 1 in order through <paramref name="write"/>: the same values as
    /// <see cref="GetPoint"/> (the same integers before the shift and scaling), generated incrementally in Gray-code
    /// order (Antonov and Saleev 1979: the integer of point i is that of point i − 1 XOR the direction number of the
    /// lowest set bit of i), one XOR per dimension instead of one per set bit.
    /// </summary>
    internal void WriteFirstPoints(int count, Span<double> point, Action<int, ReadOnlySpan<double>> write)
    {
        var x = new uint[Dimensions];
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                var bit = System.Numerics.BitOperations.TrailingZeroCount((uint)i);
                for (var j = 0; j < Dimensions; j++)
                {
                    x[j] ^= directions[(j * Bits) + bit];
                }
            }

            for (var j = 0; j < Dimensions; j++)
            {
                point[j] = (x[j] ^ shifts[j]) * (1.0 / 4294967296.0);
            }

            write(i, point[..Dimensions]);
        }
    }

    private static uint[] BuildDirections(int dimensions)
    {
        var v = new uint[dimensions * Bits];
        for (var k = 0; k < Bits; k++)
        {
            v[k] = 1u << (Bits - 1 - k);
        }

        var rows = JoeKuoDirectionNumbers.Table.Split('|');
        for (var j = 1; j < dimensions; j++)
        {
            var parts = rows[j - 1].Split(' ');
            var s = int.Parse(parts[0], CultureInfo.InvariantCulture);
            var a = uint.Parse(parts[1], CultureInfo.InvariantCulture);
            var row = j * Bits;
            for (var k = 0; k < Bits; k++)
            {
                if (k < s)
                {
                    var m = uint.Parse(parts[2 + k], CultureInfo.InvariantCulture);
                    v[row + k] = m << (Bits - 1 - k);
                    continue;
                }

                var x = v[row + k - s] ^ (v[row + k - s] >> s);
                for (var i = 1; i < s; i++)
                {
                    if (((a >> (s - 1 - i)) & 1) != 0)
                    {
                        x ^= v[row + k - i];
                    }
                }

                v[row + k] = x;
            }
        }

        return v;
    }
}
