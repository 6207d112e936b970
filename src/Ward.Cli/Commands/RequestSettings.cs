using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using Ward.Microsoft.Entra.Evaluation;

namespace Ward.Cli.Commands;

/// <summary>Options of the commands that ask about one action (<c>can</c>, <c>who-can</c>): AWS, Azure, Entra ID or Google Cloud, told by the action's form.</summary>
public abstract class RequestSettings : EstateSettings
{
    [CommandOption("--data-action")]
    [Description("Azure: decide the operation as a data action (blobs, secrets...). Default: inferred from the role definitions read.")]
    public bool DataAction { get; init; }

    [CommandOption("--assigned-role <ROLE>")]
    [Description("Azure: for `Microsoft.Authorization/roleAssignments/write` or `delete`, the role being assigned (name or GUID), which constrained-delegation conditions look at.")]
    public string? AssignedRole { get; init; }

    /// <summary>The action the question names.</summary>
    protected abstract string QuestionAction { get; }

    /// <summary>Whether the action is an Entra ID directory role's resource action (<c>microsoft.directory/users/password/update</c>).</summary>
    public bool IsDirectory => EntraQuestions.IsDirectoryAction(QuestionAction);

    /// <summary>Whether the action is an API permission of an Entra ID resource application (<c>Mail.Read</c>, <c>Office 365 Exchange Online/full_access_as_app</c>).</summary>
    public bool IsApiPermission => !IsDirectory && !GcpQuestions.IsGcpPermission(QuestionAction) && ApiPermissions.LooksLikePermission(QuestionAction);

    /// <summary>Whether the action is an Azure operation (<c>Microsoft.Compute/virtualMachines/read</c>) rather than an AWS action.</summary>
    public bool IsAzure => !IsDirectory && !IsApiPermission && AzureQuestions.IsAzureOperation(QuestionAction);

    /// <summary>Whether the action is a Google Cloud IAM permission (<c>storage.objects.get</c>).</summary>
    public bool IsGcp => !IsDirectory && !IsAzure && GcpQuestions.IsGcpPermission(QuestionAction);

    public override ValidationResult Validate()
    {
        if (!QuestionAction.Contains(':', StringComparison.Ordinal) && !IsAzure && !IsDirectory && !IsGcp && !IsApiPermission)
        {
            return ValidationResult.Error($"action `{QuestionAction}` is neither an AWS action (`service:Action`), an Azure operation (`Microsoft.Namespace/resourceType/operation`), an Entra ID resource action (`microsoft.directory/users/password/update`), an API permission (`Mail.Read`, `RESOURCE/PERMISSION`) nor a Google Cloud permission (`storage.objects.get`)");
        }

        if (IsGcp && (Context.Length > 0 || ResourcePolicy is not null || SessionPolicy is not null))
        {
            return ValidationResult.Error("--context, --resource-policy and --session-policy apply to AWS actions only; a Google Cloud question takes its request time from --as-of");
        }

        if (!IsAzure && (DataAction || AssignedRole is not null))
        {
            return ValidationResult.Error("--data-action and --assigned-role apply to Azure operations only");
        }

        return base.Validate();
    }
}
