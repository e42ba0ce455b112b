"""The 数据交换 page: Excel import and export in the national template, and statistics."""
