using Ward.Core.Diagnostics;

namespace Ward.Gcp.Iam;

/// <summary>
/// That the tags of a resource were exported, even when it has none: one file of <c>gcloud resource-manager tags
/// bindings list --parent=RESOURCE</c> (direct, or with <c>--effective</c>). Without one, a resource's tags are unknown.
/// </summary>
public sealed record TagListing(string Resource, bool Effective, SourceLocation Location);
