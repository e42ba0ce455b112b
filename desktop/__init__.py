"""学籍管理（离线版）: the registrar's encrypted offline desktop application."""

__version__ = "0.1.0"
PRODUCT_NAME = "学籍管理"
