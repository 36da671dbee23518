using System.Runtime.CompilerServices;

[assembly: System.CLSCompliant(false)]
[assembly: InternalsVisibleTo("Agents.Tools.Tests")]
