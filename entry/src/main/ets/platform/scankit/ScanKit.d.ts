/**
 * Typed declaration of the few @kit.ScanKit calls ArkPay uses. Scan Kit is a HarmonyOS kit that is not
 * part of the OpenHarmony SDK declarations the project's checker compiles against, so these lines are
 * written from the HarmonyOS API reference ("scanBarcode (默认界面扫码)" and "scanCore", API 12,
 * https://developer.huawei.com/consumer/cn/doc/harmonyos-references/scan-scanbarcode-api). In DevEco the
 * HarmonyOS SDK's own declaration applies; keep this file in step with it.
 */
declare module '@kit.ScanKit' {
  import type common from '@ohos.app.ability.common';

  export namespace scanCore {
    /** Code types (scanCore.ScanType); only the ones ArkPay asks for. */
    enum ScanType {
      FORMAT_UNKNOWN = 0,
      QR_CODE = 11,
      TWO_D_CODE = 101,
      ALL = 1001,
    }
  }

  export namespace scanBarcode {
    interface ScanOptions {
      scanTypes?: Array<scanCore.ScanType>;
      enableMultiMode?: boolean;
      enableAlbum?: boolean;
    }

    interface ScanResult {
      scanType: scanCore.ScanType;
      originalValue: string;
    }

    /** Opens the system scanning UI (camera pre-authorised by the system) and resolves with one code. */
    function startScanForResult(context: common.Context, options?: ScanOptions): Promise<ScanResult>;
  }
}
