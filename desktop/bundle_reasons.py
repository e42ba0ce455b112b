"""Why a USB bundle (.xjb) is refused, in the registrar's words: one sentence per code.

The one source for both sides: the bundle format shared with the central server
(desktop.sync.wire.bundle_errors) and the desk's messages (desktop.messages) read it. Plain
data, no imports, so every layer may use it.
"""

from __future__ import annotations

REASONS: dict[str, str] = {
    "bundle.not_a_bundle": "这不是学籍数据包（.xjb）文件，没有导入任何内容。",
    "bundle.unsupported": "本程序不支持这个数据包的格式（{found}），没有导入任何内容。请升级程序后再导入。",
    "bundle.truncated": "数据包不完整（可能没有复制完），没有导入任何内容。请重新复制或重新导出。",
    "bundle.too_large": "数据包过大（超过 {limit_mb} MB），没有导入任何内容。",
    "bundle.damaged": "数据包已损坏或被改动过（校验未通过），没有导入任何内容。请重新复制或重新导出。",
    "bundle.malformed": "数据包内容的格式不正确，没有导入任何内容。请把这个文件交给技术支持。",
    "bundle.wrong_kind": "这是{found}，这里只能导入{expected}，没有导入任何内容。",
    "bundle.unknown_sender": "数据包不是由已注册的设备或学籍中心签发的，没有导入任何内容。",
    "bundle.foreign_device": "数据包来自其他学校的设备，没有导入任何内容。",
    "bundle.device_revoked": "发出数据包的设备已被停用，没有导入任何内容。请联系县级学籍管理部门。",
    "bundle.wrong_recipient": "这个数据包不是发给这里的（收件方不符），没有导入任何内容。",
    "bundle.not_our_request": "这个回执答复的不是本机导出的数据包，没有导入任何内容。",
    "bundle.stale": ("这个数据包已过时（第 {seq} 包，已导入到第 {last} 包），没有导入任何内容；"
                     "较新的数据包已包含它的全部变更。"),
    "bundle.replayed": "这个数据包已导入过，没有重复处理任何内容。",
    "bundle.enroll_refused": "离线注册未被接受：{detail}",
    # the desk refuses this one itself (desktop/sync/usb_bundles.py); the sentence lives here
    # with the others
    "bundle.old_epoch": ("这个回执数据包是学籍中心恢复数据之前生成的，已经过时，没有导入任何内容。"
                         "请重新导出U盘数据包交县级学籍管理部门导入。"),
}
