using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Agents.Models.Tests")]
