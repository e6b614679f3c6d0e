using Microsoft.AspNetCore.Mvc.ModelBinding;
using SecureBase.Common;

namespace SecureBase.Web;

public static class ModelStateErrors
{
    /// <summary>Puts a rule's error beside the field it names (or at the top of the form).</summary>
    public static void AddErrors(this ModelStateDictionary modelState, Error error, string prefix)
    {
        if (error is Error.Validation v)
        {
            foreach (var f in v.Fields)
            {
                modelState.AddModelError(string.IsNullOrEmpty(f.Field) ? string.Empty : $"{prefix}.{f.Field}", f.Message);
            }

            return;
        }

        modelState.AddModelError(string.Empty, error.Message);
    }
}
