using System.Collections.Immutable;
using Ward.Aws.Catalog;

namespace Ward.Aws.Queries;

/// <summary>An action a principal can perform, on which granted resource patterns, and where only conditionally.</summary>
public sealed record EffectivePermission(AwsAction Action, ImmutableArray<string> Resources, ImmutableArray<string> ConditionalResources);
