using Ward.Aws.Edges;
using Ward.Aws.Estate;

namespace Ward.Analysis;

/// <summary>Everything rules may read: the estate, its entitlement graph, and the scan's reference time.</summary>
public sealed record AnalysisContext(AwsEstate Estate, AwsGraph Graph, DateTimeOffset ReferenceTime);
