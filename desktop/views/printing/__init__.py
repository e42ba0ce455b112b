"""The 打印 page: choose a document and who it is for, preview, print or save as PDF."""
