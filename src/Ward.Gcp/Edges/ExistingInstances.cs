using System.Collections.Immutable;
using Ward.Gcp.Iam;

namespace Ward.Gcp.Edges;

/// <summary>One existing instance a way may go through, with what must still hold there.</summary>
public sealed record InstanceChoice(ComputeInstance Instance, ImmutableArray<string> Requirements);

/// <summary>
/// The exported Compute Engine instances a way goes through: those its technique can use (running as the account,
/// with OS Login on or off as it needs), each with what Ward cannot decide about it (its project's OS Login setting
/// when that metadata was not exported, an instance not running, a token limited by scopes).
/// </summary>
internal static class ExistingInstances
{
    /// <summary>
    /// The instances, those needing nothing first, and whether they are all there are (the project's instances were
    /// listed); null when the export says nothing: no instance it holds fits, and the project's were not listed.
    /// </summary>
    public static (ImmutableArray<InstanceChoice> Choices, bool Complete)? Choose(GcpEdgeContext context, InstanceUse use, string email, HierarchyNode project)
    {
        var complete = context.InstancesListed(project);
        var candidates = use == InstanceUse.AnyOfProject ? context.InstancesIn(project) : context.InstancesRunningAs(email);
        ImmutableArray<InstanceChoice> choices = [.. candidates.Select(i => Choice(context, use, i)).OfType<InstanceChoice>().OrderBy(c => c.Requirements.Length)];
        return choices.IsEmpty && !complete ? null : (choices, complete);
    }

    /// <summary>Whether the way's permissions are decided on the instance (its policy, and conditions on its name); project-wide SSH keys are set on the project.</summary>
    public static bool DecidedOnInstance(InstanceUse use) => use != InstanceUse.ProjectSshKeys;

    /// <summary>How the instance is reached over SSH, which IAM does not decide: said, not required.</summary>
    public static string Reach(InstanceUse use, ComputeInstance instance) =>
        use == InstanceUse.AnyOfProject ? string.Empty
        : instance.HasExternalIp ? ", which has an external IP address"
        : ", which has no external IP address (reached through IAP TCP forwarding or from its network)";

    private static InstanceChoice? Choice(GcpEdgeContext context, InstanceUse use, ComputeInstance instance)
    {
        if (use == InstanceUse.AnyOfProject)
        {
            return new InstanceChoice(instance, []);
        }

        var requirements = ImmutableArray.CreateBuilder<string>();
        var projectMetadata = context.ComputeMetadata(instance.Project);

        // The instance's own enable-oslogin overrides its project's; with neither, OS Login is off.
        var osLogin = instance.OsLogin ?? (projectMetadata is null ? null : projectMetadata.OsLogin ?? false);
        var unknownOsLogin = $"the instance sets no `enable-oslogin` and the Compute Engine metadata of `projects/{instance.Project}` was not exported";
        switch (use)
        {
            case InstanceUse.OsLogin when osLogin == false:
            case InstanceUse.InstanceSshKeys or InstanceUse.ProjectSshKeys when osLogin == true:
            case InstanceUse.ProjectSshKeys when instance.BlocksProjectSshKeys:
                return null;
            case InstanceUse.OsLogin when osLogin is null:
                requirements.Add($"OS Login is enabled on VM instance `{instance.RelativeName}` by its project's metadata ({unknownOsLogin})");
                break;
            case InstanceUse.InstanceSshKeys or InstanceUse.ProjectSshKeys when osLogin is null:
                requirements.Add($"OS Login is not enabled on VM instance `{instance.RelativeName}` by its project's metadata ({unknownOsLogin}); with it on, metadata SSH keys are ignored");
                break;
        }

        if (instance.Status is { } status && !instance.IsRunning)
        {
            requirements.Add($"VM instance `{instance.RelativeName}` is `{status}`: it must be running (starting it needs `compute.instances.start`)");
        }

        if (!instance.HasCloudPlatformScope)
        {
            var scopes = instance.Scopes.IsEmpty ? "no scope" : "only " + string.Join(", ", instance.Scopes.Select(s => $"`{s}`"));
            requirements.Add($"the account's tokens on VM instance `{instance.RelativeName}` carry {scopes}, not `cloud-platform`: the path needs an API those scopes allow");
        }

        return new InstanceChoice(instance, requirements.ToImmutable());
    }
}
