namespace CompositeIndex.Sensitivity;

/// <summary>Where the base points of a design (the matrices A and B, or plain Monte Carlo points) come from.</summary>
public enum BasePoints
{
    /// <summary>The Sobol' sequence (<see cref="Sobol.SobolSequence"/>), digitally shifted from the seed unless disabled.</summary>
    Sobol = 0,

    /// <summary>Independent pseudo-random uniforms; point r depends only on (seed, r).</summary>
    PseudoRandom = 1,
}
