class FastChangelistMixin:
    """No exact COUNT(*) on a million rows; pages of 50."""

    show_full_result_count = False
    list_per_page = 50
