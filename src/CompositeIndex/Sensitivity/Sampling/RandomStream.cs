namespace CompositeIndex.Sensitivity;

/// <summary>
/// A small counter-derived pseudo-random stream (SplitMix64) whose state depends only on the master seed and the
/// coordinates of the stream (purpose, index, sub-index), never on thread scheduling.
/// </summary>
/// <remarks>
/// <para>Generator: SplitMix64 (G. L. Steele, D. Lea and C. H. Flood, "Fast splittable pseudorandom number
/// generators", OOPSLA 2014, doi:10.1145/2660193.2660195), with the MurmurHash3-style 64-bit finaliser used to derive
/// independent starting states from (seed, purpose, index). One stream per replicate gives results that are
/// bit-identical for any degree of parallelism (STYLE.md rule 10).</para>
/// <para>Mutable value type owned by one thread; never shared.</para>
/// </remarks>
internal struct RandomStream
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;
    private ulong state;
    private double spareNormal;
    private bool hasSpare;

    private RandomStream(ulong state)
    {
        this.state = state;
        spareNormal = 0;
        hasSpare = false;
    }

    /// <summary>Purposes that keep streams used for different things apart.</summary>
    internal enum Purpose : ulong
    {
        Replicate = 1,
        Scramble = 2,
        Bootstrap = 3,
        FactorDraw = 4,
        BasePoints = 5,
    }

    /// <summary>Creates the stream for (seed, purpose, index, sub-index).</summary>
    public static RandomStream Create(ulong seed, Purpose purpose, ulong index, ulong subIndex = 0)
    {
        var s = Mix(seed + Golden);
        s = Mix(s ^ ((ulong)purpose * 0xD6E8FEB86659FD93UL));
        s = Mix(s ^ (index * 0xBF58476D1CE4E5B9UL) ^ 0x5851F42D4C957F2DUL);
        s = Mix(s ^ (subIndex * 0x94D049BB133111EBUL) ^ 0x14057B7EF767814FUL);
        return new RandomStream(s);
    }

    /// <summary>The SplitMix64 / MurmurHash3 fmix64 finaliser.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Returns the next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        state += Golden;
        return Mix(state);
    }

    /// <summary>Returns a uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Returns a uniform integer in [0, n) (Lemire's multiply-shift with rejection, unbiased).</summary>
    public int NextInt(int n)
    {
        var bound = (ulong)n;
        var threshold = (0UL - bound) % bound;
        while (true)
        {
            var x = NextUInt64();
            var product = Math.BigMul(x, bound, out var low);
            if (low >= threshold)
            {
                return (int)product;
            }
        }
    }

    /// <summary>
    /// Fills <paramref name="destination"/> with uniform integers in [0, n): the same values, in the same order, as that
    /// many calls of <see cref="NextInt"/>, with the rejection threshold computed once instead of per draw.
    /// </summary>
    public void NextInts(int n, Span<int> destination)
    {
        var bound = (ulong)n;
        var threshold = (0UL - bound) % bound;
        for (var j = 0; j < destination.Length; j++)
        {
            while (true)
            {
                var x = NextUInt64();
                var product = Math.BigMul(x, bound, out var low);
                if (low >= threshold)
                {
                    destination[j] = (int)product;
                    break;
                }
            }
        }
    }

    /// <summary>Returns a standard normal deviate (Marsaglia's polar method).</summary>
    public double NextNormal()
    {
        if (hasSpare)
        {
            hasSpare = false;
            return spareNormal;
        }

        double u, v, s;
        do
        {
            u = (2 * NextDouble()) - 1;
            v = (2 * NextDouble()) - 1;
            s = (u * u) + (v * v);
        }
        while (s >= 1 || s == 0);

        var f = Math.Sqrt(-2 * Math.Log(s) / s);
        spareNormal = v * f;
        hasSpare = true;
        return u * f;
    }

    /// <summary>
    /// Returns a Gamma(shape, 1) deviate (G. Marsaglia and W. W. Tsang, "A simple method for generating gamma
    /// variables", ACM TOMS 26(3), 2000, doi:10.1145/358407.358414; shape &lt; 1 by the boost x·U^(1/shape)).
    /// </summary>
    public double NextGamma(double shape)
    {
        if (shape < 1)
        {
            var boost = Math.Pow(NextDouble() is var u0 && u0 > 0 ? u0 : double.Epsilon, 1 / shape);
            return NextGamma(shape + 1) * boost;
        }

        var d = shape - (1.0 / 3.0);
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = NextNormal();
                v = 1 + (c * x);
            }
            while (v <= 0);

            v = v * v * v;
            var u = NextDouble();
            if (u < 1 - (0.0331 * x * x * x * x) || Math.Log(u) < (0.5 * x * x) + (d * (1 - v + Math.Log(v))))
            {
                return d * v;
            }
        }
    }
}
