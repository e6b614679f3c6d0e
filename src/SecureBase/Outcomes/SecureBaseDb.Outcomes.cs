using Microsoft.EntityFrameworkCore;
using SecureBase.Outcomes;

namespace SecureBase.Data;

public sealed partial class SecureBaseDb
{
    internal DbSet<TomRating> TomRatings => Set<TomRating>();
    internal DbSet<SdqScore> SdqScores => Set<SdqScore>();
    internal DbSet<AssessmentItem> AssessmentItems => Set<AssessmentItem>();
}
