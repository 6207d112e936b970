namespace Ward.Microsoft.Azure.Resources;

/// <summary>
/// Where a Flex Consumption function app keeps the package it runs (<c>functionAppConfig.deployment.storage</c>, of
/// type <c>blobContainer</c>): a blob container of a storage account, from which each new instance loads the code.
/// </summary>
/// <param name="Url">The container's URL as written (<c>https://{account}.blob.core.windows.net/{container}</c>).</param>
/// <param name="AccountName">The storage account's name, the URL's first host label (account names are unique in a cloud).</param>
/// <param name="ContainerName">The blob container.</param>
public sealed record DeploymentStorage(string Url, string AccountName, string ContainerName);
