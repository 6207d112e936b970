using System.Collections.Immutable;
using Ward.Aws.Estate;
using Ward.Aws.Policy.Syntax;
using Ward.Core.Decisions;

namespace Ward.Aws.Resources;

/// <summary>Who a resource-policy probe stands for.</summary>
public enum ResourceProbeKind
{
    /// <summary>An unauthenticated caller (no AWS credentials at all).</summary>
    Anonymous,

    /// <summary>A role of an unrelated account outside the organization: "any AWS account".</summary>
    AnyAccount,

    /// <summary>A caller of another account the policy names (an account, or one of its principals).</summary>
    Account,

    /// <summary>
    /// An AWS service the policy names, acting for a resource of an unrelated account (the confused deputy): let in
    /// unless a condition on <c>aws:SourceArn</c>, <c>aws:SourceAccount</c> or <c>aws:SourceOrgID</c> pins it to the
    /// resources the owner means.
    /// </summary>
    Service,

    /// <summary>
    /// A role of an account of another organization: <c>*</c> narrowed by <c>aws:PrincipalOrgID</c> to an organization
    /// that is not the exported one.
    /// </summary>
    Organization,

    /// <summary>
    /// An AWS service acting for a resource of another account, or of an account of another organization, that a source
    /// condition names without pinning one resource (<c>aws:SourceAccount</c>, <c>aws:SourceOwner</c>,
    /// <c>aws:SourceOrgID</c>, <c>aws:SourceOrgPaths</c>): the service a statement names, or any service for a statement
    /// open to <c>*</c> (a direct call carries no source keys, so the account's principals themselves are not let in).
    /// </summary>
    ServiceActingFor,

    /// <summary>
    /// An AWS service acting for a resource of an unrelated account, for a statement open to <c>*</c> whose source
    /// condition fixes no account (<c>aws:SourceAccount</c> <c>*</c>, <c>aws:SourceArn</c> <c>arn:aws:sns:*:*:*</c>):
    /// anyone can make the service act from a resource of their own, so the resource is public through it. The
    /// service is the one the statement asks for or its source ARN names, else <see cref="Queries.ProbeCallers.AnyService"/>.
    /// </summary>
    ServiceForAnyAccount,
}

/// <summary>One probed action and the evaluator's decision for it.</summary>
/// <param name="Action">The action, e.g. <c>s3:GetObject</c>.</param>
/// <param name="Resource">The ARN the probe asked for (for S3 objects, a key of the bucket).</param>
/// <param name="IsCritical">Reads or writes the resource's data, or changes who may (the worst an outsider can do).</param>
/// <param name="Decision">The evaluator's decision for the probe caller.</param>
public sealed record ProbedAction(string Action, string Resource, bool IsCritical, Decision Decision)
{
    /// <summary>The probe caller may do it, certainly or under conditions.</summary>
    public bool Admits => Decision.Kind is DecisionKind.Allowed or DecisionKind.Conditional;
}

/// <summary>
/// What one probe caller may do to one resource under its resource policy (and every RCP, deny and condition
/// that applies), for each of the resource type's sensitive actions.
/// </summary>
/// <param name="Resource">The resource and its policy.</param>
/// <param name="Kind">Who the probe stands for.</param>
/// <param name="Party">As the policy writes it: <c>*</c>, an account id or a principal ARN.</param>
/// <param name="PartyAccount">The account of the party, when it has one.</param>
/// <param name="IsExternal">The party's account is neither exported nor in the organization.</param>
/// <param name="ProbeCaller">Who the probe caller was, for explanations.</param>
/// <param name="Statements">The Allow statements of the policy that name the party.</param>
/// <param name="Actions">The sensitive actions of the type, with the decisions.</param>
public sealed record ResourceAccess(
    AwsResourcePolicy Resource,
    ResourceProbeKind Kind,
    string Party,
    string? PartyAccount,
    bool IsExternal,
    string ProbeCaller,
    ImmutableArray<Statement> Statements,
    ImmutableArray<ProbedAction> Actions)
{
    /// <summary>
    /// For <see cref="ResourceProbeKind.ServiceActingFor"/> and <see cref="ResourceProbeKind.ServiceForAnyAccount"/>:
    /// the service probed, the one a statement names or a condition asks for (or, for the latter, its source ARN
    /// names), else <see cref="Queries.ProbeCallers.AnyService"/>.
    /// </summary>
    public string? ActingService { get; init; }

    /// <summary>
    /// For <see cref="ResourceProbeKind.ServiceActingFor"/> of an organization: the organization path
    /// (<c>aws:SourceOrgPaths</c>, naming an organizational unit) the source condition narrows it to, a party of its
    /// own; null when it lets in services acting for every account of the organization.
    /// </summary>
    public string? SourcePath { get; init; }

    /// <summary>The actions the probe caller may do, certainly or under conditions.</summary>
    public ImmutableArray<ProbedAction> Admitted => [.. Actions.Where(a => a.Admits)];
}
