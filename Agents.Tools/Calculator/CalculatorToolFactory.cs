using System.Globalization;
using Agents.Core.Tools;
using Microsoft.Extensions.AI;

namespace Agents.Tools.Calculator;

/// <summary>
/// Makes the <c>calculator</c> tool. Settings (all optional): <c>max_length</c>, <c>max_depth</c>,
/// <c>max_magnitude</c>, <c>max_factorial</c>.
/// </summary>
public sealed class CalculatorToolFactory : IAgentToolFactory
{
    /// <inheritdoc />
    public string Name => CalculatorTool.ToolName;

    /// <inheritdoc />
    public AIFunction Create(ToolSettings settings, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var defaults = new CalculatorOptions();
        var magnitude = settings.GetString("max_magnitude");
        var options = new CalculatorOptions
        {
            MaxLength = (int)settings.GetInt64("max_length", defaults.MaxLength),
            MaxDepth = (int)settings.GetInt64("max_depth", defaults.MaxDepth),
            MaxFactorial = (int)settings.GetInt64("max_factorial", defaults.MaxFactorial),
            MaxMagnitude = magnitude is null ? defaults.MaxMagnitude : double.Parse(magnitude, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
        return new CalculatorTool(options);
    }
}
