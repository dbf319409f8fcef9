using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Failover.CodeAnalysis;
using Failover.CodeAnalysis.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Failover.Analyzers.Tests;

/// <summary>The descriptor catalog, the docs, the release tracking file and the strict-mode list stay in step.</summary>
public class CatalogConsistencyTests
{
    private static readonly DiagnosticDescriptor[] Descriptors = typeof(DiagnosticDescriptors)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(static f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(static f => (DiagnosticDescriptor)f.GetValue(null)!)
        .ToArray();

    private static readonly string[] Ids = typeof(DiagnosticIds)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(static f => (string)f.GetRawConstantValue()!)
        .Order(StringComparer.Ordinal)
        .ToArray();

    [Fact]
    public void Every_id_has_exactly_one_descriptor()
    {
        Assert.Equal(Ids, Descriptors.Select(static d => d.Id).Order(StringComparer.Ordinal));
        Assert.All(Ids, static id => Assert.Matches("^FO[0-9]{3}$", id));
    }

    [Fact]
    public void Every_descriptor_has_a_help_link_to_its_section_and_a_docs_section_with_its_title()
    {
        var docs = File.ReadAllText(Repository.PathOf("docs", "diagnostics.md"));
        Assert.All(Descriptors, d =>
        {
            Assert.Equal(DiagnosticDescriptors.HelpLinkBase + d.Id.ToLowerInvariant(), d.HelpLinkUri);
            Assert.Contains($"\n## {d.Id}: {d.Title}\n", docs.Replace("\r\n", "\n"));
            Assert.StartsWith("Failover.", d.Category);
            Assert.NotEmpty(d.MessageFormat.ToString());
        });
    }

    [Fact]
    public void Strict_mode_lists_every_id_in_the_descriptor_catalog()
    {
        var targets = XDocument.Load(Repository.PathOf("src", "Failover.Runtime", "build", "Failover.targets"));
        var listed = targets.Descendants("FailoverDiagnosticIds").Single().Value.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Ids, listed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Release_tracking_lists_every_id_with_its_category_and_severity()
    {
        var unshipped = File.ReadAllLines(Repository.PathOf("src", "Failover.Analyzers", "AnalyzerReleases.Unshipped.md"));
        Assert.All(Descriptors, d => Assert.Contains(unshipped, line => Regex.IsMatch(line, $@"^{d.Id} \| {Regex.Escape(d.Category)} \| {d.DefaultSeverity} \|")));
    }

    [Fact]
    public void Every_FO1xx_descriptor_is_reported_by_an_analyzer()
    {
        var supported = typeof(RouteAnalyzer).Assembly.GetTypes()
            .Where(static t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
            .SelectMany(static t => ((DiagnosticAnalyzer)Activator.CreateInstance(t)!).SupportedDiagnostics)
            .Select(static d => d.Id)
            .ToHashSet();
        Assert.All(Descriptors.Where(static d => d.Id.StartsWith("FO1", StringComparison.Ordinal)), d => Assert.Contains(d.Id, supported));
    }
}
