using System.Globalization;
using T = CompositeIndex.MethodText;

namespace CompositeIndex;

/// <summary>
/// Goalposts normalisation whose goalposts, scale and truncation are read from each indicator's metadata, so one
/// method set on the index or a group serves indicators with different goalposts (COINr <c>n_goalposts</c> with
/// <c>f_n_para = "use_iMeta"</c>).
/// </summary>
/// <remarks>
/// <para>For each indicator the metadata keys <see cref="LowerKey"/> and <see cref="UpperKey"/> (required) give the
/// goalposts l &lt; u; <see cref="ScaleKey"/> and <see cref="TruncateKey"/> (optional) give the scale a and whether
/// to truncate, falling back to <see cref="Scale"/> and <see cref="Truncate"/>. Values are invariant-culture numbers;
/// truncation accepts <c>true</c>/<c>false</c> (case-insensitive) or <c>1</c>/<c>0</c>.</para>
/// <para>Formula (COINr <c>n_goalposts</c> and <c>get_iMeta_norm_paras</c>; UNDP HDR Technical note 1):
/// positive polarity <c>y = (x − l)/(u − l)</c>, negative polarity <c>y = (u − x)/(u − l)</c> (COINr negates x and the
/// goalposts, which gives the same); with truncation y is clipped to [0, 1]; the result is <c>a·y</c>. It is computed by
/// <see cref="GoalpostsNormalization"/> with <c>Cap = Floor = truncate</c>.</para>
/// <para>Errors: a missing or unparsable key, or l ≥ u, throws an <see cref="IndexDefinitionException"/> whose error
/// path names the indicator and key, e.g. <c>indicators['LPI'].metadata.goalpostLower</c>.</para>
/// </remarks>
public sealed record GoalpostsFromMetadataNormalization : NormalizationMethod
{
    /// <summary>The JSON method name, <c>"goalpostsFromMetadata"</c>.</summary>
    public const string Name = "goalpostsFromMetadata";

    /// <inheritdoc/>
    public override string MethodName => Name;

    /// <inheritdoc/>
    public override string Describe(string? language = null) =>
        T.Pick(language, $"goalposts from each indicator's metadata ({LowerKey}, {UpperKey}), scaled to 0–{T.N(Scale)}{(Truncate ? ", values beyond the goalposts truncated" : string.Empty)}", $"지표 메타데이터의 기준값({LowerKey}, {UpperKey}), 0–{T.N(Scale)} 범위로 환산{(Truncate ? ", 기준값을 벗어난 값은 절단" : string.Empty)}");

    /// <summary>Gets the metadata key of the lower goalpost. The default is <c>"goalpostLower"</c> (COINr column <c>goalpost_lower</c>).</summary>
    public string LowerKey { get; init; } = "goalpostLower";

    /// <summary>Gets the metadata key of the upper goalpost. The default is <c>"goalpostUpper"</c> (COINr <c>goalpost_upper</c>).</summary>
    public string UpperKey { get; init; } = "goalpostUpper";

    /// <summary>Gets the metadata key of the scale. The default is <c>"goalpostScale"</c> (COINr <c>goalpost_scale</c>).</summary>
    public string ScaleKey { get; init; } = "goalpostScale";

    /// <summary>Gets the metadata key of the truncation flag. The default is <c>"goalpostTruncate"</c> (COINr <c>goalpost_trunc2posts</c>).</summary>
    public string TruncateKey { get; init; } = "goalpostTruncate";

    /// <summary>Gets the scale used when an indicator's metadata has no <see cref="ScaleKey"/>. The default is 1.</summary>
    public double Scale { get; init; } = 1;

    /// <summary>Gets whether to truncate when an indicator's metadata has no <see cref="TruncateKey"/>. The default is <see langword="true"/>.</summary>
    public bool Truncate { get; init; } = true;

    /// <inheritdoc/>
    public override void Validate(string path, ICollection<DefinitionError> errors)
    {
        Require(!string.IsNullOrWhiteSpace(LowerKey), $"{path}.lowerKey", "The lower goalpost key is empty.", errors);
        Require(!string.IsNullOrWhiteSpace(UpperKey), $"{path}.upperKey", "The upper goalpost key is empty.", errors);
        Require(!string.IsNullOrWhiteSpace(ScaleKey), $"{path}.scaleKey", "The scale key is empty.", errors);
        Require(!string.IsNullOrWhiteSpace(TruncateKey), $"{path}.truncateKey", "The truncation key is empty.", errors);
        Require(double.IsFinite(Scale) && Scale != 0, $"{path}.scale", "The scale must be finite and non-zero.", errors);
    }

    /// <summary>Resolves the fixed goalposts normalisation of one indicator from its metadata.</summary>
    /// <param name="indicatorId">The indicator id (for error paths).</param>
    /// <param name="metadata">The indicator's metadata.</param>
    /// <returns>The equivalent <see cref="GoalpostsNormalization"/>.</returns>
    /// <exception cref="IndexDefinitionException">A key is missing or invalid, or the goalposts are not ordered.</exception>
    public GoalpostsNormalization Resolve(string indicatorId, IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var errors = new List<DefinitionError>();
        var path = $"indicators['{indicatorId}'].metadata";
        var lower = Number(LowerKey, null);
        var upper = Number(UpperKey, null);
        var scale = Number(ScaleKey, Scale);
        var truncate = Truncate;
        if (metadata.TryGetValue(TruncateKey, out var t))
        {
            switch (t.Trim().ToUpperInvariant())
            {
                case "TRUE" or "1":
                    truncate = true;
                    break;
                case "FALSE" or "0":
                    truncate = false;
                    break;
                default:
                    errors.Add(new DefinitionError(ErrorCodes.InvalidParameter, $"{path}.{TruncateKey}", $"'{t}' is not a truth value (true/false/1/0)."));
                    break;
            }
        }

        if (errors.Count == 0 && !(lower < upper))
        {
            errors.Add(new DefinitionError(ErrorCodes.InvalidParameter, $"{path}.{UpperKey}", $"The upper goalpost ({upper.ToString(CultureInfo.InvariantCulture)}) must exceed the lower one ({lower.ToString(CultureInfo.InvariantCulture)})."));
        }

        if (errors.Count == 0 && !(double.IsFinite(scale) && scale != 0))
        {
            errors.Add(new DefinitionError(ErrorCodes.InvalidParameter, $"{path}.{ScaleKey}", "The scale must be finite and non-zero."));
        }

        if (errors.Count > 0)
        {
            throw new IndexDefinitionException(new ValidationReport([.. errors]));
        }

        return new GoalpostsNormalization(lower, upper) { Cap = truncate, Floor = truncate, Scale = scale };

        double Number(string key, double? fallback)
        {
            if (!metadata.TryGetValue(key, out var text))
            {
                if (fallback is { } f)
                {
                    return f;
                }

                errors.Add(new DefinitionError(ErrorCodes.Missing, $"{path}.{key}", $"Indicator '{indicatorId}' has no metadata '{key}' for its goalposts."));
                return double.NaN;
            }

            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
            {
                errors.Add(new DefinitionError(ErrorCodes.InvalidParameter, $"{path}.{key}", $"'{text}' is not a finite number."));
                return double.NaN;
            }

            return v;
        }
    }

    /// <inheritdoc/>
    public override void Normalize(NormalizationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Resolve(context.IndicatorId, context.Metadata).Normalize(context);
    }
}
